import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { startTarget, type Target } from './helpers/target.js';
import { node } from './helpers/workflows.js';

let t: TestServer;
let target: Target;
beforeAll(async () => {
  t = await startTestServer({ httpAllowedCidrs: '127.0.0.0/8' });
  target = await startTarget();
});
afterAll(async () => {
  await t.close();
  await target.close();
});

describe('POST /workflows/test-node', () => {
  it('runs one node against a mock context and stores nothing', async () => {
    const res = await t.call('POST', '/workflows/test-node', {
      body: {
        node: node('n2', 'text_transform', { template: 'Hello {{ n1.user.name }} ({{ n1.run_id }})' }),
        context: { n1: { trigger_type: 'manual', run_id: 'fl_run_example', user: { name: 'Ada' } } },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'success',
      output: { text: 'Hello Ada (fl_run_example)' },
      handle: null,
    });
    expect((await t.call('GET', '/workflows')).body).toEqual([]);
  });

  it('tests triggers, conditions and HTTP calls', async () => {
    const trigger = await t.call('POST', '/workflows/test-node', {
      body: { node: node('n1', 'manual_trigger'), context: { user_id: 'usr_1' } },
    });
    expect(trigger.body.output).toMatchObject({ trigger_type: 'manual', user_id: 'usr_1' });
    const condition = await t.call('POST', '/workflows/test-node', {
      body: {
        node: node('c', 'number_condition', {
          value: '{{ n1.x }}',
          operator: 'greater_than',
          compare_to: '1',
        }),
        context: { n1: { x: 5 } },
      },
    });
    expect(condition.body.handle).toBe('true');
    target.respond('/ping', 200, { pong: true });
    const call = await t.call('POST', '/workflows/test-node', {
      body: { node: node('h', 'webhook', { method: 'GET', url: `${target.url}/ping` }) },
    });
    expect(call.body.output).toMatchObject({ status: 200, body: { pong: true } });
  });

  it('answers 422 with the node failure, and for unknown components or bad bodies', async () => {
    target.respond('/down', 503, undefined);
    const failed = await t.call('POST', '/workflows/test-node', {
      body: { node: node('h', 'webhook', { method: 'GET', url: `${target.url}/down` }) },
    });
    expect(failed.status).toBe(422);
    expect(failed.body).toMatchObject({
      code: 'node_test_failed',
      message: 'Webhook request failed: 503 Service Unavailable',
    });
    const unknown = await t.call('POST', '/workflows/test-node', { body: { node: node('x', 'nope') } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.param).toBe('node.data.componentId');
    expect((await t.call('POST', '/workflows/test-node', { body: {} })).body.code).toBe('parameter_missing');
    expect((await t.call('POST', '/workflows/test-node', { token: null, body: {} })).status).toBe(401);
  });
});

describe('GET /components', () => {
  it('lists every component with the JSON Schema of its config', async () => {
    const res = await t.call('GET', '/components');
    expect(res.status).toBe(200);
    const webhook = res.body.find((c: { componentId: string }) => c.componentId === 'webhook');
    expect(webhook).toMatchObject({
      kind: 'action',
      handles: [],
      config_schema: { type: 'object', required: ['method', 'url'] },
    });
    const sw = res.body.find((c: { componentId: string }) => c.componentId === 'switch');
    expect(sw).toMatchObject({ kind: 'condition', handles: ['default'], config_derived_handles: true });
    expect(res.body.filter((c: { kind: string }) => c.kind === 'trigger').length).toBeGreaterThanOrEqual(6);
    expect((await t.call('GET', '/components', { token: null })).status).toBe(401);
  });
});
