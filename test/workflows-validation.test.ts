import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

type Body = Record<string, unknown>;
const trigger = node('n1', 'manual_trigger');
const text = (id: string, data: Body = {}) => node(id, 'text_transform', { template: 'x', ...data });
const yes = (id: string) => node(id, 'string_condition', { value: 'a', operator: 'equals', compare_to: 'a' });

function wf(nodes: unknown[], edges: unknown[] = [], extra: Body = {}): Body {
  return { name: 'Validation', nodes, edges, ...extra };
}

/**
 * The definition is refused by POST /workflows (422 workflow_invalid naming `param`) and reported by
 * POST /workflows/validate (200, valid false) with the same sentence.
 */
async function expectInvalid(body: Body, param: string, message: RegExp) {
  const created = await t.call('POST', '/workflows', { body });
  expect(created.status, created.text).toBe(422);
  expect(created.body).toMatchObject({ type: 'invalid_request_error', code: 'workflow_invalid', param });
  expect(created.body.message).toMatch(message);
  expect(created.body.errors).toContainEqual({ message: created.body.message, param });

  const checked = await t.call('POST', '/workflows/validate', { body });
  expect(checked.status, checked.text).toBe(200);
  expect(checked.body.valid).toBe(false);
  expect(checked.body.errors).toContainEqual(expect.stringMatching(message));
  return created.body;
}

async function expectValid(body: Body) {
  const checked = await t.call('POST', '/workflows/validate', { body });
  expect(checked.body, checked.text).toEqual({ valid: true, errors: [], issues: [], warnings: [] });
  const created = await t.call('POST', '/workflows', { body });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

describe('graph rules', () => {
  it('needs exactly one trigger: none', async () => {
    await expectInvalid(wf([text('n2')]), 'nodes', /exactly one trigger.*has 0/);
  });

  it('needs exactly one trigger: two', async () => {
    await expectInvalid(wf([trigger, node('n2', 'webhook_trigger')]), 'nodes', /exactly one trigger.*has 2/);
  });

  it('refuses duplicate node ids', async () => {
    await expectInvalid(
      wf([trigger, text('n2'), text('n2')]),
      'nodes[2].id',
      /Node id 'n2' .*more than once/,
    );
  });

  it('refuses an edge from an unknown source', async () => {
    const body = wf([trigger, text('n2')], [edge('ghost', 'n2')]);
    await expectInvalid(body, 'edges[0].source', /starts at unknown node 'ghost'/);
  });

  it('refuses an edge to an unknown target', async () => {
    const body = wf([trigger, text('n2')], [edge('n1', 'n2'), edge('n2', 'ghost')]);
    await expectInvalid(body, 'edges[1].target', /ends at unknown node 'ghost'/);
  });

  it('refuses a sourceHandle the action does not have', async () => {
    const body = wf([trigger, text('n2'), text('n3')], [edge('n1', 'n2'), edge('n2', 'n3', 'true')]);
    await expectInvalid(body, 'edges[1].sourceHandle', /unknown handle 'true'/);
  });

  it('refuses a plain edge leaving a condition', async () => {
    const body = wf([trigger, yes('c'), text('n3')], [edge('n1', 'c'), edge('c', 'n3')]);
    await expectInvalid(body, 'edges[1].sourceHandle', /without a sourceHandle; use one of: true, false/);
  });

  it('accepts true/false edges leaving a condition', async () => {
    const body = wf(
      [trigger, yes('c'), text('a'), text('b')],
      [edge('n1', 'c'), edge('c', 'a', 'true'), edge('c', 'b', 'false')],
    );
    await expectValid(body);
  });

  it('allows the error handle only with continue_on_error', async () => {
    const edges = [edge('n1', 'n2'), edge('n2', 'n3', 'error')];
    await expectInvalid(wf([trigger, text('n2'), text('n3')], edges), 'edges[1].sourceHandle', /'error'/);
    await expectValid(wf([trigger, text('n2', { continue_on_error: true }), text('n3')], edges));
  });

  it('derives switch handles from its cases', async () => {
    const sw = node('s', 'switch', {
      value: '{{ n1.plan }}',
      cases: [
        { id: 'gold', compare_to: 'gold' },
        { id: 'silver', operator: 'contains', compare_to: 'silv' },
      ],
    });
    const valid = [
      edge('n1', 's'),
      edge('s', 'a', 'gold'),
      edge('s', 'b', 'silver'),
      edge('s', 'c', 'default'),
    ];
    await expectValid(wf([trigger, sw, text('a'), text('b'), text('c')], valid));
    const invalid = [edge('n1', 's'), edge('s', 'a', 'bronze')];
    await expectInvalid(
      wf([trigger, sw, text('a')], invalid),
      'edges[1].sourceHandle',
      /'bronze'.*gold, silver/,
    );
  });

  it('refuses a cycle', async () => {
    const body = wf(
      [trigger, text('n2'), text('n3'), text('n4')],
      [edge('n1', 'n2'), edge('n2', 'n3'), edge('n3', 'n4'), edge('n4', 'n2')],
    );
    await expectInvalid(body, 'edges', /cycle/);
  });

  it('refuses a self loop', async () => {
    await expectInvalid(wf([trigger, text('n2')], [edge('n1', 'n2'), edge('n2', 'n2')]), 'edges', /cycle/);
  });

  it('refuses an edge into the trigger', async () => {
    const body = wf([trigger, text('n2')], [edge('n1', 'n2'), edge('n2', 'n1')]);
    await expectInvalid(body, 'edges[1].target', /ends at trigger node 'n1'/);
  });

  it('refuses duplicate edge ids', async () => {
    const twice = { ...edge('n1', 'n2') };
    const body = wf([trigger, text('n2'), text('n3')], [twice, { ...twice, target: 'n3' }]);
    await expectInvalid(body, 'edges[1].id', /Edge id 'n1-n2' .*more than once/);
  });
});

describe('component rules', () => {
  it('refuses an unknown componentId', async () => {
    await expectInvalid(
      wf([trigger, node('n2', 'teleport')]),
      'nodes[1].data.componentId',
      /unknown component 'teleport'/,
    );
  });

  it('checks a component config against its schema', async () => {
    const bad = node('c', 'string_condition', { value: 'a', operator: 'resembles', compare_to: 'b' });
    const body = await expectInvalid(
      wf([trigger, bad]),
      'nodes[1].data.operator',
      /Node 'c' \(string_condition\): operator/,
    );
    expect(body.message).toMatch(/equals/);
  });

  it('refuses a missing required config field', async () => {
    const bad = node('c', 'string_condition', { operator: 'equals', compare_to: 'b' });
    await expectInvalid(
      wf([trigger, bad]),
      'nodes[1].data.value',
      /^Node 'c' \(string_condition\): `value` is required\.$/,
    );
  });

  it('accepts templates in fields that are only checked at run time', async () => {
    const body = wf(
      [
        trigger,
        node('d', 'delay', { duration: '{{ n1.seconds }}', unit: 'seconds' }),
        node('c', 'number_condition', {
          value: '{{ n1.amount }}',
          operator: 'greater_than',
          compare_to: '{{ n1.limit }}',
        }),
        text('t'),
      ],
      [edge('n1', 'd'), edge('d', 'c'), edge('c', 't', 'true')],
    );
    await expectValid(body);
    const literal = wf(
      [trigger, node('d', 'delay', { duration: 'soon', unit: 'seconds' })],
      [edge('n1', 'd')],
    );
    await expectInvalid(literal, 'nodes[1].data.duration', /duration/);
  });

  it('reports every problem at once through /workflows/validate', async () => {
    const body = wf([node('x', 'teleport'), text('n2'), text('n2')], [edge('ghost', 'n2')]);
    const checked = await t.call('POST', '/workflows/validate', { body });
    expect(checked.body.valid).toBe(false);
    expect(checked.body.errors.length).toBeGreaterThanOrEqual(4);
    const created = await t.call('POST', '/workflows', { body });
    expect(created.body.errors).toHaveLength(checked.body.errors.length);
  });
});

describe('schedules', () => {
  it.each(['interval', 'cron'])('requires schedule_value for %s', async (type) => {
    await expectInvalid(
      wf([trigger], [], { schedule_type: type }),
      'schedule_value',
      new RegExp(`schedule_value is required .*'${type}'`),
    );
  });

  it('refuses an unreadable interval', async () => {
    await expectInvalid(
      wf([trigger], [], { schedule_type: 'interval', schedule_value: '5 fortnights-ish' }),
      'schedule_value',
      /./,
    );
  });

  it('refuses an invalid cron expression', async () => {
    await expectInvalid(
      wf([trigger], [], { schedule_type: 'cron', schedule_value: '61 25 * * *' }),
      'schedule_value',
      /./,
    );
  });

  it('refuses an unknown timezone', async () => {
    const body = wf([trigger], [], {
      schedule_type: 'cron',
      schedule_value: '0 9 * * *',
      schedule_timezone: 'Mars/Olympus_Mons',
    });
    await expectInvalid(body, 'schedule_timezone', /Mars\/Olympus_Mons|timezone/i);
  });

  it('computes next_run_at in the future with six fractional digits', async () => {
    const before = Date.now();
    const interval = await expectValid(
      wf([trigger], [], { schedule_type: 'interval', schedule_value: '5 minutes' }),
    );
    expect(interval.schedule_type).toBe('interval');
    expect(interval.next_run_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(Date.parse(interval.next_run_at)).toBeGreaterThan(before);
    expect(Date.parse(interval.next_run_at)).toBeLessThanOrEqual(Date.now() + 5 * 60_000 + 1000);

    const cron = await expectValid(
      wf([trigger], [], {
        schedule_type: 'cron',
        schedule_value: '0 9 * * 1',
        schedule_timezone: 'Europe/Berlin',
      }),
    );
    expect(cron.next_run_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(Date.parse(cron.next_run_at)).toBeGreaterThan(before);
    const fire = new Date(cron.next_run_at);
    expect(fire.getUTCDay()).toBe(1);
    expect([7, 8]).toContain(fire.getUTCHours()); // 09:00 in Berlin (CEST or CET)
  });

  it('keeps manual workflows without next_run_at', async () => {
    const manual = await expectValid(wf([trigger]));
    expect(manual).toMatchObject({ schedule_type: 'manual', next_run_at: null, schedule_value: null });
  });
});

describe('updates', () => {
  it('re-validates a partial update and versions only definition changes', async () => {
    const created = await createWorkflow(t, wf([trigger, text('n2')], [edge('n1', 'n2')]));
    const renamed = await t.call('PUT', `/workflows/${created.id}`, { body: { name: 'Renamed' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Renamed');
    expect(renamed.body.version_id).toBe(created.version_id);
    expect(renamed.body.nodes).toEqual(created.nodes);

    const edited = await t.call('PUT', `/workflows/${created.id}`, {
      body: { nodes: [trigger, text('n2', { template: 'changed' })] },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.version_id).not.toBe(created.version_id);
    expect(edited.body.edges).toEqual(created.edges);
    expect(edited.body.name).toBe('Renamed');

    // Only the nodes change, so the stored edges are checked against them.
    const orphaned = await t.call('PUT', `/workflows/${created.id}`, {
      body: { nodes: [trigger, text('n9')] },
    });
    expect(orphaned.status).toBe(422);
    expect(orphaned.body).toMatchObject({ code: 'workflow_invalid', param: 'edges[0].target' });
  });

  it('leaves the stored workflow unchanged when an update is invalid', async () => {
    const created = await createWorkflow(t, wf([trigger, text('n2')], [edge('n1', 'n2')]));
    const refused = await t.call('PUT', `/workflows/${created.id}`, {
      body: { name: 'Should not stick', edges: [edge('n1', 'n2'), edge('n2', 'n1')] },
    });
    expect(refused.status).toBe(422);
    const badSchedule = await t.call('PUT', `/workflows/${created.id}`, {
      body: { is_active: false, schedule_type: 'cron' },
    });
    expect(badSchedule.status).toBe(422);
    expect(badSchedule.body.param).toBe('schedule_value');
    const stored = await t.call('GET', `/workflows/${created.id}`);
    expect(stored.body).toEqual(created);
  });

  it('re-plans next_run_at when the schedule changes', async () => {
    const created = await createWorkflow(t, wf([trigger]));
    expect(created.next_run_at).toBeNull();
    const scheduled = await t.call('PUT', `/workflows/${created.id}`, {
      body: { schedule_type: 'interval', schedule_value: '1 hour' },
    });
    expect(scheduled.status, scheduled.text).toBe(200);
    expect(Date.parse(scheduled.body.next_run_at)).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(scheduled.body.version_id).toBe(created.version_id);
    const manual = await t.call('PUT', `/workflows/${created.id}`, {
      body: { schedule_type: 'manual', schedule_value: null },
    });
    expect(manual.body).toMatchObject({ schedule_type: 'manual', next_run_at: null });
  });
});

describe('triggers that shape the workflow', () => {
  it('gives a webhook_url when the trigger becomes a webhook, keeps the token across edits, drops it after', async () => {
    const created = await createWorkflow(t, wf([trigger]));
    expect(created.webhook_url).toBeNull();
    const hooked = await t.call('PUT', `/workflows/${created.id}`, {
      body: { nodes: [node('n1', 'webhook_trigger')] },
    });
    expect(hooked.status).toBe(200);
    expect(hooked.body.webhook_url).toMatch(
      /^https:\/\/flows\.example\.test\/workflows\/webhooks\/whsec_[0-9a-z]{26}$/,
    );
    const edited = await t.call('PUT', `/workflows/${created.id}`, {
      body: { nodes: [node('n1', 'webhook_trigger'), text('n2')], edges: [edge('n1', 'n2')] },
    });
    // Tokens are stored hashed: after the answer that created it, the URL is shown masked (last 4 kept).
    const masked = hooked.body.webhook_url.replace(/whsec_[0-9a-z]{22}/, 'whsec_****');
    expect(edited.body.webhook_url).toBe(masked);
    const listed = await t.call('GET', '/workflows');
    expect(listed.body.find((w: { id: string }) => w.id === created.id).webhook_url).toBe(masked);
    const still = await t.call('POST', new URL(hooked.body.webhook_url).pathname, { token: null, body: {} });
    expect(still.status).toBe(202);
    const manual = await t.call('PUT', `/workflows/${created.id}`, { body: { nodes: [trigger], edges: [] } });
    expect(manual.body.webhook_url).toBeNull();
    const gone = await t.call('POST', new URL(hooked.body.webhook_url).pathname, { token: null, body: {} });
    expect(gone.status).toBe(404);
  });

  it('takes the schedule from a scheduled_trigger node when the workflow sets none', async () => {
    const created = await expectValid(
      wf([node('n1', 'scheduled_trigger', { schedule_type: 'cron', schedule_value: '*/5 * * * *' })]),
    );
    expect(created).toMatchObject({ schedule_type: 'cron', schedule_value: '*/5 * * * *' });
    expect(Date.parse(created.next_run_at)).toBeGreaterThan(Date.now());
    expect(Date.parse(created.next_run_at)).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    await expectInvalid(
      wf([node('n1', 'scheduled_trigger', { schedule_type: 'interval', schedule_value: 'often' })]),
      'schedule_value',
      /often/,
    );
  });
});

describe('authorization_id', () => {
  function insertAuthorization(id: string, orgId: string) {
    const db = new Database(join(t.dataDir, 'stratoflow.db'));
    try {
      db.prepare(
        'INSERT INTO authorizations (id, org_id, user_id, provider, status, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(id, orgId, 'usr_x', 'altostrat', 'active', Date.now());
    } finally {
      db.close();
    }
  }

  it('must name an authorization of the same organization', async () => {
    insertAuthorization('auth_01jownorg00000000000000000', 'org_a');
    insertAuthorization('auth_01jotherorg000000000000000', 'org_b');
    const body = (authorization_id: string) => wf([trigger], [], { authorization_id });

    for (const id of ['auth_01jmissing000000000000000000', 'auth_01jotherorg000000000000000']) {
      const refused = await t.call('POST', '/workflows', { body: body(id) });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ param: 'authorization_id', code: 'parameter_invalid' });
      expect(refused.body.message).toContain(id);
    }
    const created = await t.call('POST', '/workflows', { body: body('auth_01jownorg00000000000000000') });
    expect(created.status, created.text).toBe(201);
    expect(created.body.authorization_id).toBe('auth_01jownorg00000000000000000');

    const moved = await t.call('PUT', `/workflows/${created.body.id}`, {
      body: { authorization_id: 'auth_01jotherorg000000000000000' },
    });
    expect(moved.status).toBe(422);
    expect(moved.body.param).toBe('authorization_id');
    const cleared = await t.call('PUT', `/workflows/${created.body.id}`, {
      body: { authorization_id: null },
    });
    expect(cleared.body.authorization_id).toBeNull();
  });
});

describe('body shape', () => {
  it('names a missing name', async () => {
    const res = await t.call('POST', '/workflows', { body: { nodes: [trigger], edges: [] } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      type: 'invalid_request_error',
      code: 'parameter_missing',
      param: 'name',
      message: "The 'name' parameter is required for this request.",
    });
  });

  it('names missing nodes and edges', async () => {
    const noNodes = await t.call('POST', '/workflows', { body: { name: 'x', edges: [] } });
    expect(noNodes.body).toMatchObject({ code: 'parameter_missing', param: 'nodes' });
    const noEdges = await t.call('POST', '/workflows', { body: { name: 'x', nodes: [trigger] } });
    expect(noEdges.body).toMatchObject({ code: 'parameter_missing', param: 'edges' });
  });

  it('names the path of a value of the wrong type', async () => {
    const cases: Array<[Body, string]> = [
      [wf([{ ...trigger, id: 7 }]), 'nodes[0].id'],
      [wf([{ ...trigger, data: { componentId: 5 } }]), 'nodes[0].data.componentId'],
      [wf([trigger, text('n2')], [{ ...edge('n1', 'n2'), source: ['n1'] }]), 'edges[0].source'],
      [wf([trigger], [], { is_active: 'yes' }), 'is_active'],
      [wf([trigger], [], { schedule_type: 'hourly' }), 'schedule_type'],
      [{ ...wf([trigger]), name: 42 }, 'name'],
      [{ ...wf([trigger]), name: '   ' }, 'name'],
      [{ ...wf([]) }, 'nodes'],
      [{ ...wf([trigger]), edges: {} }, 'edges'],
    ];
    for (const [body, param] of cases) {
      const res = await t.call('POST', '/workflows', { body });
      expect(res.status, `${param}: ${res.text}`).toBe(422);
      expect(res.body, param).toMatchObject({ code: 'parameter_invalid', param });
      expect(res.body.message).toContain(`'${param}'`);
      const checked = await t.call('POST', '/workflows/validate', { body });
      expect(checked.status).toBe(200);
      expect(checked.body.valid).toBe(false);
      expect(checked.body.errors[0]).toContain(param);
    }
  });

  it('validates partial updates field by field', async () => {
    const created = await createWorkflow(t, wf([trigger]));
    const res = await t.call('PUT', `/workflows/${created.id}`, {
      body: { nodes: [{ ...trigger, position: 'top' }] },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'parameter_invalid', param: 'nodes[0].position' });
    const empty = await t.call('PUT', `/workflows/${created.id}`, { body: { nodes: [] } });
    expect(empty.body).toMatchObject({ code: 'parameter_invalid', param: 'nodes' });
  });
});

describe('tenancy and deletion', () => {
  it('answers 404 to another organization on GET, PUT, DELETE and the sub-resources', async () => {
    const created = await createWorkflow(t, wf([trigger]));
    const id = created.id;
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/workflows/${id}`],
      ['PUT', `/workflows/${id}`, { name: 'stolen' }],
      ['DELETE', `/workflows/${id}`],
      ['POST', `/workflows/${id}/execute`, {}],
      ['GET', `/workflows/${id}/executions`],
      ['GET', `/workflows/${id}/logs`],
      ['GET', `/workflows/${id}/logs/stats`],
    ];
    for (const [method, path, body] of calls) {
      const res = await t.call(method, path, { org: 'org_b', ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body).toMatchObject({ type: 'not_found_error', code: 'resource_not_found' });
    }
    const list = await t.call('GET', '/workflows', { org: 'org_b' });
    expect(list.body.map((w: { id: string }) => w.id)).not.toContain(id);
    const callable = await createWorkflow(t, wf([node('n1', 'workflow_trigger')]));
    const mine = await t.call('GET', '/workflows/triggerable-workflows');
    expect(mine.body.map((w: { id: string }) => w.id)).toContain(callable.id);
    const theirs = await t.call('GET', '/workflows/triggerable-workflows', { org: 'org_b' });
    expect(theirs.body.map((w: { id: string }) => w.id)).not.toContain(callable.id);
    const still = await t.call('GET', `/workflows/${id}`);
    expect(still.body).toEqual(created);
  });

  it('deletes a workflow together with its runs and logs', async () => {
    const created = await createWorkflow(t, wf([trigger, text('n2')], [edge('n1', 'n2')]));
    const run = await executeAndWait(t, created.id);
    expect(run.status).toBe('completed');
    expect(run.logs).toHaveLength(2);

    expect((await t.call('DELETE', `/workflows/${created.id}`)).status).toBe(204);
    expect((await t.call('GET', `/workflows/runs/${run.id}`)).status).toBe(404);
    expect((await t.call('GET', `/workflows/${created.id}/logs`)).status).toBe(404);
    expect((await t.call('POST', `/workflows/runs/${run.id}/rerun`)).status).toBe(404);
    expect((await t.call('DELETE', `/workflows/${created.id}`)).status).toBe(404);
    const recent = await t.call('GET', '/workflows/logs/recent');
    expect(recent.body.map((l: { run_id: string }) => l.run_id)).not.toContain(run.id);

    const db = new Database(join(t.dataDir, 'stratoflow.db'), { readonly: true });
    try {
      const runs = db.prepare('SELECT count(*) AS n FROM runs WHERE workflow_id = ?').get(created.id);
      const logs = db.prepare('SELECT count(*) AS n FROM logs WHERE workflow_id = ?').get(created.id);
      expect(runs).toEqual({ n: 0 });
      expect(logs).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
