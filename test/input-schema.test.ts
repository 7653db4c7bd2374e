import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/** A trigger's input_schema is enforced: 422 with `param` for API callers, a failed start for a parent. */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

const siteSchema = {
  type: 'object',
  properties: { site_id: { type: 'string', minLength: 3 }, count: { type: 'integer' } },
  required: ['site_id'],
};

async function syncWorkflow() {
  return createWorkflow(t, {
    name: 'sync with schema',
    nodes: [
      node('n1', 'sync_request_trigger', { input_schema: siteSchema }),
      node('n2', 'text_transform', { template: '{"site": "{{ n1.payload.site_id }}"}' }),
    ],
    edges: [edge('n1', 'n2')],
  });
}

it('the sync API answers 422 with param for a body that breaks the schema, 200 when it matches', async () => {
  const wf = await syncWorkflow();
  const missing = await t.call('POST', `/workflows/sync/${wf.id}`, { body: {} });
  expect(missing.status).toBe(422);
  expect(missing.body).toMatchObject({ code: 'parameter_invalid', param: 'site_id' });
  expect(missing.body.message).toContain('site_id is required');
  const wrongType = await t.call('POST', `/workflows/sync/${wf.id}`, {
    body: { site_id: 'abc', count: 1.5 },
  });
  expect(wrongType.status).toBe(422);
  expect(wrongType.body).toMatchObject({ param: 'count' });
  expect(wrongType.body.message).toContain('count must be integer');
  const ok = await t.call('POST', `/workflows/sync/${wf.id}`, { body: { site_id: 'abc', count: 2 } });
  expect(ok.status).toBe(200);
  expect(ok.body).toEqual({ site: 'abc' });
  const runs = await t.call('GET', `/workflows/${wf.id}/executions`);
  expect(runs.body.meta.total).toBe(1); // refused calls start no run
});

it('execute answers 422 with param context.<field>', async () => {
  const wf = await syncWorkflow();
  const res = await t.call('POST', `/workflows/${wf.id}/execute`, { body: { context: { site_id: 'ab' } } });
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({ code: 'parameter_invalid', param: 'context.site_id' });
  expect(res.body.message).toContain('must NOT have fewer than 3 characters');
  const ok = await t.call('POST', `/workflows/${wf.id}/execute`, { body: { context: { site_id: 'abcd' } } });
  expect(ok.status).toBe(202);
});

it("a parent's call with input that breaks the child's variable list fails without starting the child", async () => {
  const child = await createWorkflow(t, {
    name: 'child',
    nodes: [
      node('n1', 'workflow_trigger', {
        input_schema: ['site_id', { name: 'count', type: 'integer', required: false }],
      }),
      node('n2', 'text_transform', { template: 'site {{ n1.site_id }}' }),
    ],
    edges: [edge('n1', 'n2')],
  });
  const parent = (input: Record<string, unknown>) =>
    createWorkflow(t, {
      name: 'parent',
      nodes: [node('n1', 'manual_trigger'), node('n2', 'trigger_workflow', { workflow_id: child.id, input })],
      edges: [edge('n1', 'n2')],
    });
  const bad = await executeAndWait(t, (await parent({ count: 3 })).id);
  expect(bad.status).toBe('failed');
  expect(bad.error_message).toBe(
    `Input for workflow ${child.id} does not match its input_schema: site_id is required.`,
  );
  expect((await t.call('GET', `/workflows/${child.id}/executions`)).body.meta.total).toBe(0);
  const wrongType = await executeAndWait(t, (await parent({ site_id: 's1', count: 'many' })).id);
  expect(wrongType.error_message).toContain('count must be integer');
  const good = await executeAndWait(t, (await parent({ site_id: 's1', count: 3 })).id);
  expect(good.status).toBe('completed');
  expect(good.logs.at(-1).output).toEqual({ text: 'site s1' });
});

it('refuses to save an input_schema that is not a valid JSON Schema', async () => {
  for (const input_schema of [{ type: 'nonsense' }, [{ type: 'string' }], [{ name: 'x', type: 'text' }]]) {
    const res = await t.call('POST', '/workflows', {
      body: {
        name: 'bad schema',
        nodes: [
          node('n1', 'workflow_trigger', { input_schema }),
          node('n2', 'text_transform', { template: 'x' }),
        ],
        edges: [edge('n1', 'n2')],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('workflow_invalid');
    expect(res.body.message).toContain('input_schema');
  }
});
