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
const text = (id: string, template: string) => node(id, 'text_transform', { template });

function wf(nodes: unknown[], edges: unknown[] = [], extra: Body = {}): Body {
  return { name: 'Templates', nodes, edges, ...extra };
}

/** Refused by create (422) and update (422), reported by validate (200, valid false), all alike. */
async function expectTemplateInvalid(body: Body, param: string, message: string) {
  const created = await t.call('POST', '/workflows', { body });
  expect(created.status, created.text).toBe(422);
  expect(created.body).toMatchObject({ code: 'workflow_invalid', param, message });

  const existing = await createWorkflow(t, wf([trigger, text('n2', 'fine')], [edge('n1', 'n2')]));
  const updated = await t.call('PUT', `/workflows/${existing.id}`, { body: { nodes: body.nodes } });
  expect(updated.status, updated.text).toBe(422);
  expect(updated.body).toMatchObject({ code: 'workflow_invalid', param, message });

  const checked = await t.call('POST', '/workflows/validate', { body });
  expect(checked.status, checked.text).toBe(200);
  expect(checked.body).toMatchObject({ valid: false, errors: [message], issues: [{ param, message }] });
}

describe('save-time template parse errors', () => {
  it('an unclosed tag', async () => {
    await expectTemplateInvalid(
      wf([trigger, text('n2', 'Hi {% if n1.name %}{{ n1.name }}')], [edge('n1', 'n2')]),
      'nodes[1].data.template',
      "Node 'n2' (text_transform): the template in 'template' is invalid: tag {% if n1.name %} not closed, line:1, col:4.",
    );
  });

  it('an unknown filter', async () => {
    await expectTemplateInvalid(
      wf([trigger, text('n2', '{{ n1.name | shout }}')], [edge('n1', 'n2')]),
      'nodes[1].data.template',
      "Node 'n2' (text_transform): the template in 'template' is invalid: undefined filter: shout, line:1, col:1.",
    );
  });

  it('an output that is never closed', async () => {
    await expectTemplateInvalid(
      wf([trigger, text('n2', 'Hello {{ n1.name ')], [edge('n1', 'n2')]),
      'nodes[1].data.template',
      `Node 'n2' (text_transform): the template in 'template' is invalid: output "{{ n1.name " not closed, line:1, col:7.`,
    );
  });

  it('an unknown tag, in a nested field', async () => {
    const http = node('n2', 'webhook', {
      url: 'https://example.test/',
      method: 'GET',
      headers: { 'X-Run': '{% nosuchtag %}' },
    });
    await expectTemplateInvalid(
      wf([trigger, http], [edge('n1', 'n2')]),
      'nodes[1].data.headers.X-Run',
      `Node 'n2' (webhook): the template in 'headers.X-Run' is invalid: tag "nosuchtag" not found, line:1, col:1.`,
    );
  });

  it('a file tag, which the engine does not have', async () => {
    await expectTemplateInvalid(
      wf([trigger, text('n2', "{% include '/etc/passwd' %}")], [edge('n1', 'n2')]),
      'nodes[1].data.template',
      `Node 'n2' (text_transform): the template in 'template' is invalid: tag "include" not found, line:1, col:1.`,
    );
  });

  it('checks value fields too, and leaves raw fields alone', async () => {
    await expectTemplateInvalid(
      wf(
        [trigger, node('n2', 'set_variables', { variables: { a: '{{ n1.x | nope }}' } })],
        [edge('n1', 'n2')],
      ),
      'nodes[1].data.variables.a',
      "Node 'n2' (set_variables): the template in 'variables.a' is invalid: undefined filter: nope, line:1, col:1.",
    );
    // A validate node's rules are never rendered, so markup-like text in them is not a template.
    const rules = node('n2', 'validate', { data: '{{ n1 }}', rules: { a: '{% not a template' } });
    const checked = await t.call('POST', '/workflows/validate', {
      body: wf([trigger, rules], [edge('n1', 'n2')]),
    });
    expect(checked.body.issues.filter((i: Body) => String(i.param).includes('rules'))).toEqual([]);
  });
});

describe('warnings about references that will not resolve', () => {
  async function warningsOf(body: Body) {
    const checked = await t.call('POST', '/workflows/validate', { body });
    expect(checked.status, checked.text).toBe(200);
    expect(checked.body.errors, checked.text).toEqual([]);
    expect(checked.body.valid).toBe(true);
    return checked.body.warnings as Body[];
  }

  it('a node that is not upstream, the node itself, and a name that is nothing', async () => {
    const body = wf(
      [trigger, text('a', 'A'), text('b', '{{ a }} {{ c.text }} {{ b }} {{ nobody.x }}'), text('c', 'C')],
      [edge('n1', 'a'), edge('a', 'b'), edge('n1', 'c')],
    );
    expect(await warningsOf(body)).toEqual([
      {
        param: 'nodes[2].data.template',
        message:
          "Node 'b': 'c' is not upstream of this node (no path of edges leads from it here), so its output may not exist when this node runs and renders empty.",
      },
      {
        param: 'nodes[2].data.template',
        message:
          "Node 'b': 'b' is this node itself; its output does not exist while it runs, so this renders empty.",
      },
      {
        param: 'nodes[2].data.template',
        message:
          "Node 'b': 'nobody' is neither a node of this workflow nor one of trigger, payload, webhook_payload, vault, so it renders empty.",
      },
    ]);
    // The workflow is still saved, and the create answer carries the same warnings.
    const created = await t.call('POST', '/workflows', { body });
    expect(created.status, created.text).toBe(201);
    expect(created.body.warnings).toEqual(await warningsOf(body));
    const fetched = await t.call('GET', `/workflows/${created.body.id}`);
    expect(fetched.body.warnings).toBeUndefined();
  });

  it('a vault item the organization does not have', async () => {
    const item = await t.call('POST', '/workflows/vault', {
      body: { name: 'known_key', secret: 's3cret-v' },
    });
    expect(item.status, item.text).toBe(201);
    const http = node('n2', 'webhook', {
      url: 'https://example.test/',
      method: 'GET',
      headers: { A: '{{ vault.known_key }}', B: 'Bearer {{ vault.missing_key }}' },
    });
    expect(await warningsOf(wf([trigger, http], [edge('n1', 'n2')]))).toEqual([
      {
        param: 'nodes[1].data.headers.B',
        message:
          "Node 'n2': vault item 'missing_key' does not exist in your organization; create it before the workflow runs.",
      },
    ]);
    // Vault names are per organization: another one has neither item.
    const other = await t.call('POST', '/workflows/validate', {
      body: wf([trigger, http], [edge('n1', 'n2')]),
      org: 'org_b',
    });
    expect(other.body.warnings.map((w: Body) => w.param)).toEqual([
      'nodes[1].data.headers.A',
      'nodes[1].data.headers.B',
    ]);
  });

  it('no warning for upstream nodes, run globals, loop and assigned variables', async () => {
    const template = [
      '{{ n1.name }} {{ a.text }} {{ trigger.x }} {{ payload.y }} {{ webhook_payload.z }}',
      '{% for item in n1.items %}{{ item.sku }} {{ forloop.index }}{% endfor %}',
      '{% assign who = n1.name | upcase %}{{ who }}{% capture c %}x{% endcapture %}{{ c }}',
    ].join('\n');
    const body = wf([trigger, text('a', 'A'), text('b', template)], [edge('n1', 'a'), edge('a', 'b')]);
    expect(await warningsOf(body)).toEqual([]);
    const created = await t.call('POST', '/workflows', { body });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('warnings');
  });

  it("no warning for an iterator's item in the sub-workflow it runs", async () => {
    const child = wf(
      [node('t', 'workflow_trigger'), text('x', '{{ t.item.sku }} {{ trigger.index }}')],
      [edge('t', 'x')],
    );
    expect(await warningsOf(child)).toEqual([]);
  });
});

describe('undefined variables at run time', () => {
  const body = wf(
    [
      trigger,
      text('n2', 'Hi {{ n1.name }}{{ n1.body }}{% if n1.maybe %}!{% endif %}{{ n1.nick | default: "" }}'),
    ],
    [edge('n1', 'n2')],
  );

  it('records a warning in the node log and renders empty', async () => {
    const workflow = await createWorkflow(t, body);
    expect(workflow.strict_variables).toBe(false);
    const run = await executeAndWait(t, workflow.id, { name: 'Ada' });
    expect(run.status).toBe('completed');
    const logs = await t.call('GET', `/workflows/${workflow.id}/logs`);
    const n2 = logs.body.find((l: Body) => l.node_id === 'n2');
    expect(n2.output).toMatchObject({ text: 'Hi Ada' });
    // Only the plain read warns: an `if` test and a `default` expect a missing value.
    expect(n2.warnings).toEqual(['n1.body is undefined']);
    expect(logs.body.find((l: Body) => l.node_id === 'n1').warnings).toEqual([]);
    const fetched = await t.call('GET', `/workflows/runs/${run.id}`);
    expect(fetched.body.logs.find((l: Body) => l.node_id === 'n2').warnings).toEqual([
      'n1.body is undefined',
    ]);
  });

  it('redacts a secret that became part of a missing path', async () => {
    const item = await t.call('POST', '/workflows/vault', {
      body: { name: 'lookup', secret: 'k3y-v4lue-xyz' },
    });
    expect(item.status, item.text).toBe(201);
    const workflow = await createWorkflow(
      t,
      wf([trigger, text('n2', '{{ n1[vault.lookup] }}')], [edge('n1', 'n2')]),
    );
    expect((await executeAndWait(t, workflow.id, {})).status).toBe('completed');
    const logs = await t.call('GET', `/workflows/${workflow.id}/logs`);
    const warnings = logs.body.find((l: Body) => l.node_id === 'n2').warnings as string[];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^n1\..+ is undefined$/);
    expect(JSON.stringify(logs.body)).not.toContain('k3y-v4lue-xyz');
  });

  it('fails the node instead with strict_variables', async () => {
    const workflow = await createWorkflow(t, { ...body, strict_variables: true });
    expect(workflow.strict_variables).toBe(true);
    const run = await executeAndWait(t, workflow.id, { name: 'Ada' });
    expect(run.status).toBe('failed');
    expect(run.failed_node_id).toBe('n2');
    const message = "Template reads 'n1.body', which is undefined (the workflow has strict_variables on).";
    expect(run.error_message).toContain(message);
    const logs = await t.call('GET', `/workflows/${workflow.id}/logs`);
    expect(logs.body.find((l: Body) => l.node_id === 'n2').output).toMatchObject({
      error: message,
      code: 'template_error',
    });
    // Turning it off is a new version; the next run warns instead.
    const off = await t.call('PUT', `/workflows/${workflow.id}`, { body: { strict_variables: false } });
    expect(off.body.strict_variables).toBe(false);
    expect(off.body.version_id).not.toBe(workflow.version_id);
    expect((await executeAndWait(t, workflow.id, { name: 'Ada', body: 'b' })).status).toBe('completed');
  });
});
