import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAdminUrl } from './helpers/postgres.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

async function child(trigger = 'workflow_trigger', template = 'child saw {{ n1.name }}') {
  return createWorkflow(t, {
    nodes: [
      node('n1', trigger, trigger === 'workflow_trigger' ? { input_schema: { name: 'string' } } : {}),
      node('n2', 'text_transform', { template }),
    ],
    edges: [edge('n1', 'n2')],
  });
}

describe('trigger_workflow', () => {
  it('waits for the child and uses its final output', async () => {
    const callee = await child();
    const caller = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('call', 'trigger_workflow', {
          workflow_id: callee.id,
          input: { name: '{{ n1.who }}' },
          wait_for_completion: true,
        }),
        node('after', 'text_transform', { template: 'parent got: {{ call.text }}' }),
      ],
      edges: [edge('n1', 'call'), edge('call', 'after')],
    });
    const run = await executeAndWait(t, caller.id, { who: 'Ada' });
    expect(run.status).toBe('completed');
    expect(run.logs.at(-1).output.text).toBe('parent got: child saw Ada');
    const childRuns = await t.call('GET', `/workflows/${callee.id}/executions`);
    expect(childRuns.body.meta.total).toBe(1);
  });

  it('fails the node when the child fails, and can fire and forget', async () => {
    const failing = await createWorkflow(t, {
      nodes: [
        node('n1', 'workflow_trigger'),
        node('n2', 'terminate', { status: 'failed', message: 'child refused' }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const caller = await createWorkflow(t, {
      nodes: [node('n1', 'manual_trigger'), node('call', 'trigger_workflow', { workflow_id: failing.id })],
      edges: [edge('n1', 'call')],
    });
    const run = await executeAndWait(t, caller.id);
    expect(run.status).toBe('failed');
    expect(run.error_message).toMatch(/failed: child refused$/);

    const forget = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('call', 'trigger_workflow', { workflow_id: failing.id, wait_for_completion: false }),
      ],
      edges: [edge('n1', 'call')],
    });
    const done = await executeAndWait(t, forget.id);
    expect(done.status).toBe('completed');
    expect(done.logs[1].output.run_id).toMatch(/^fl_run_/);
  });

  it('refuses to delete a workflow another workflow calls, lists triggerable workflows', async () => {
    const callee = await child();
    const caller = await createWorkflow(t, {
      nodes: [node('n1', 'manual_trigger'), node('call', 'trigger_workflow', { workflow_id: callee.id })],
      edges: [edge('n1', 'call')],
    });
    const refused = await t.call('DELETE', `/workflows/${callee.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('workflow_in_use');
    const triggerable = await t.call('GET', '/workflows/triggerable-workflows');
    const listed = triggerable.body.find((w: { id: string }) => w.id === callee.id);
    expect(listed).toMatchObject({ trigger: 'workflow_trigger', input_schema: { name: 'string' } });
    expect(triggerable.body.some((w: { id: string }) => w.id === caller.id)).toBe(false);
    expect((await t.call('DELETE', `/workflows/${caller.id}`)).status).toBe(204);
    expect((await t.call('DELETE', `/workflows/${callee.id}`)).status).toBe(204);
  });

  it('stops runaway recursion at the depth limit with a clear error', async () => {
    const self = await createWorkflow(t, { nodes: [node('n1', 'workflow_trigger')], edges: [] });
    await t.call('PUT', `/workflows/${self.id}`, {
      body: {
        nodes: [node('n1', 'workflow_trigger'), node('again', 'trigger_workflow', { workflow_id: self.id })],
        edges: [edge('n1', 'again')],
      },
    });
    const starter = await createWorkflow(t, {
      nodes: [node('n1', 'manual_trigger'), node('go', 'trigger_workflow', { workflow_id: self.id })],
      edges: [edge('n1', 'go')],
    });
    const run = await executeAndWait(t, starter.id, {}, 'org_a');
    expect(run.status).toBe('failed');
    expect(run.error_message).toContain('depth limit');
  }, 30_000);
});

describe('iterator', () => {
  it('runs a subflow per item in order and collects the results', async () => {
    const body = await child('subflow_trigger', '{{ n1.index }}:{{ n1.item.name | upcase }}');
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('loop', 'iterator', { items: '{{ n1.people }}', workflow_id: body.id }),
        node('out', 'text_transform', { template: '{{ loop.results | map: "text" | join: "," }}' }),
      ],
      edges: [edge('n1', 'loop'), edge('loop', 'out')],
    });
    const run = await executeAndWait(t, wf.id, { people: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    expect(run.status).toBe('completed');
    expect(run.logs.find((l: { node_id: string }) => l.node_id === 'loop').output.count).toBe(3);
    expect(run.logs.at(-1).output.text).toBe('0:A,1:B,2:C');
  });

  it('fails on more than 1000 items or a non-array', async () => {
    const body = await child('subflow_trigger');
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('loop', 'iterator', { items: '{{ n1.items }}', workflow_id: body.id }),
      ],
      edges: [edge('n1', 'loop')],
    });
    const tooMany = await executeAndWait(t, wf.id, { items: Array.from({ length: 1001 }, (_, i) => i) });
    expect(tooMany.error_message).toBe('Iterator received 1001 items; the limit is 1000 per run.');
    const notArray = await executeAndWait(t, wf.id, { items: 'nope' });
    expect(notArray.error_message).toBe('Iterator items must resolve to an array.');
  });
});

describe('synchronous API', () => {
  it('answers with the final text_transform output and records the run', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'sync_request_trigger'),
        node('n2', 'string_condition', {
          value: '{{ payload.resource_id }}',
          operator: 'starts_with',
          compare_to: 'res_',
        }),
        node('n3', 'text_transform', { template: '{"ok": true, "id": {{ payload.resource_id | json }}}' }),
      ],
      edges: [edge('n1', 'n2'), edge('n2', 'n3', 'true')],
    });
    const res = await t.call('POST', `/workflows/sync/${wf.id}`, { body: { resource_id: 'res_abc123' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, id: 'res_abc123' });
    const runId = res.headers.get('x-stratoflow-run-id');
    const run = await t.call('GET', `/workflows/runs/${runId}`);
    expect(run.body.status).toBe('completed');
    expect(run.body.logs).toHaveLength(3);
  });

  it('rejects non-sync workflows, long-running nodes and missing auth', async () => {
    const manual = await createWorkflow(t, { nodes: [node('n1', 'manual_trigger')], edges: [] });
    expect((await t.call('POST', `/workflows/sync/${manual.id}`, { body: {} })).body.code).toBe(
      'workflow_not_sync',
    );
    const withDelay = await t.call('POST', '/workflows', {
      body: {
        name: 'bad',
        nodes: [
          node('n1', 'sync_request_trigger'),
          node('d', 'delay', { duration: 1, unit: 'seconds' }),
          node('t', 'text_transform', { template: 'x' }),
        ],
        edges: [edge('n1', 'd'), edge('d', 't')],
      },
    });
    expect(withDelay.status).toBe(422);
    expect(withDelay.body.message).toContain('not allowed in a synchronous API workflow');
    const noText = await t.call('POST', '/workflows/validate', {
      body: {
        name: 'bad',
        nodes: [node('n1', 'sync_request_trigger'), node('j', 'json_parser', { input: '{}' })],
        edges: [edge('n1', 'j')],
      },
    });
    expect(noText.body.valid).toBe(false);
    const anon = await t.call('POST', `/workflows/sync/${manual.id}`, { token: null, body: {} });
    expect(anon.status).toBe(401);
  });
});

describe('synchronous API runs that act outside', () => {
  it('are stored, with their trigger, before a node that acts outside starts', async () => {
    const { createServer } = await import('node:http');
    const outside = await startTestServer({ httpAllowedCidrs: '127.0.0.0/8' });
    let seen: unknown[] = [];
    const peer = createServer((_req, res) => {
      void outside.call('GET', `/workflows/${wf.id}/executions`).then(async (runs) => {
        const [stored] = runs.body.data as { id: string; status: string }[];
        const detail = stored ? await outside.call('GET', `/workflows/runs/${stored.id}`) : null;
        seen = [
          stored?.status,
          (detail?.body.logs as { node_id: string }[] | undefined)?.map((l) => l.node_id),
        ];
        res.setHeader('content-type', 'application/json').end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const port = (peer.address() as { port: number }).port;
    const wf = await createWorkflow(outside, {
      nodes: [
        node('n1', 'sync_request_trigger'),
        node('n2', 'text_transform', { template: '{{ payload.n | plus: 1 }}' }),
        node('call', 'webhook', { method: 'GET', url: `http://127.0.0.1:${port}/peek` }),
        node('out', 'text_transform', { template: '{"n": {{ n2.text }}}' }),
      ],
      edges: [edge('n1', 'call'), edge('call', 'n2'), edge('n2', 'out')],
    });
    try {
      const res = await outside.call('POST', `/workflows/sync/${wf.id}`, { body: { n: 1 } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ n: 2 });
      expect(seen).toEqual(['running', ['n1']]);
      const run = await outside.call('GET', `/workflows/runs/${res.headers.get('x-stratoflow-run-id')}`);
      expect(run.body.status).toBe('completed');
      expect(run.body.logs.map((l: { node_id: string }) => l.node_id)).toEqual(['n1', 'call', 'n2', 'out']);
    } finally {
      await outside.close();
      peer.closeAllConnections();
      peer.close();
    }
  });
});

describe('synchronous API time limit', () => {
  it('answers 504 past STRATOFLOW_SYNC_TIMEOUT_MS and records the run as failed', async () => {
    const { createServer } = await import('node:http');
    const slow = createServer((_req, res) => setTimeout(() => res.end('{}'), 3000));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const port = (slow.address() as { port: number }).port;
    const limited = await startTestServer(
      { httpAllowedCidrs: '127.0.0.0/8' },
      { STRATOFLOW_SYNC_TIMEOUT_MS: '500' },
    );
    try {
      const wf = await createWorkflow(limited, {
        nodes: [
          node('n1', 'sync_request_trigger'),
          node('call', 'webhook', { method: 'GET', url: `http://127.0.0.1:${port}/slow` }),
          node('out', 'text_transform', { template: 'done' }),
        ],
        edges: [edge('n1', 'call'), edge('call', 'out')],
      });
      const started = Date.now();
      const res = await limited.call('POST', `/workflows/sync/${wf.id}`, { body: {} });
      expect(res.status).toBe(504);
      expect(res.body).toMatchObject({
        code: 'sync_timeout',
        message: 'Synchronous execution exceeded 0.5 seconds.',
      });
      expect(Date.now() - started).toBeLessThan(2500);
      const runs = await limited.call('GET', `/workflows/${wf.id}/executions`);
      expect(runs.body.data[0]).toMatchObject({
        status: 'failed',
        error_message: 'Synchronous execution exceeded 0.5 seconds.',
      });
    } finally {
      await limited.close();
      slow.closeAllConnections();
      slow.close();
    }
  });
});

describe.skipIf(!postgresAdminUrl())(
  'synchronous API time limit before the first commit (PostgreSQL)',
  () => {
    it('records the run, failed and without logs, though it was stopped before it was stored', async () => {
      // A run of pure nodes is stored by its first commit. On PostgreSQL reading the vault item the
      // template uses is real I/O before that commit, so a time limit of 0 ms stops the run first.
      const database = await createTestDatabase();
      const limited = await startTestServer(
        { databaseUrl: database.url },
        { STRATOFLOW_SYNC_TIMEOUT_MS: '0' },
      );
      try {
        await limited.call('POST', '/workflows/vault', { body: { name: 'greeting', secret: 'hello' } });
        const wf = await createWorkflow(limited, {
          nodes: [
            node('n1', 'sync_request_trigger'),
            node('out', 'text_transform', { template: 'done {{ vault.greeting | size }}' }),
          ],
          edges: [edge('n1', 'out')],
        });
        const res = await limited.call('POST', `/workflows/sync/${wf.id}`, { body: {} });
        expect(res.status).toBe(504);
        expect(res.body).toMatchObject({ code: 'sync_timeout' });
        const runs = await limited.call('GET', `/workflows/${wf.id}/executions`);
        expect(runs.body.data).toHaveLength(1);
        expect(runs.body.data[0]).toMatchObject({
          status: 'failed',
          error_message: 'Synchronous execution exceeded 0 seconds.',
        });
        const run = await limited.call('GET', `/workflows/runs/${runs.body.data[0].id}`);
        expect(run.body.logs).toEqual([]);
      } finally {
        await limited.close();
        await database.drop();
      }
    });
  },
);
