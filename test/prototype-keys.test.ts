import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { startTarget, type Target } from './helpers/target.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/** Keys chosen by users (node ids, fields, headers, variables) are data, never an object's prototype. */
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

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'] as const;

describe('prototype keys from users', () => {
  it('node ids named constructor, toString, __proto__ ... run, are listed and logged correctly', async () => {
    const nodes = [
      node('constructor', 'manual_trigger'),
      node('toString', 'text_transform', { template: 'name={{ constructor.name }}' }),
      node('__proto__', 'text_transform', { template: '{{ toString.text }}!' }),
      node('hasOwnProperty', 'webhook', {
        method: 'POST',
        url: `${target.url}/proto`,
        headers: [
          { key: 'constructor', value: 'c' },
          { key: 'toString', value: 't' },
          { key: '__proto__', value: 'p' },
        ],
        body: '{"v": "{{ __proto__.text }}"}',
      }),
      node('valueOf', 'string_condition', {
        value: '{{ hasOwnProperty.body.ok }}',
        operator: 'equals',
        compare_to: 'true',
      }),
    ];
    const edges = [
      edge('constructor', 'toString'),
      edge('toString', '__proto__'),
      edge('__proto__', 'hasOwnProperty'),
      edge('hasOwnProperty', 'valueOf'),
    ];
    const wf = await createWorkflow(t, { nodes, edges });
    const run = await executeAndWait(t, wf.id, { name: 'Ada', constructor: 'x', toString: 'y' });
    expect(run.error_message).toBeNull();
    expect(run.status).toBe('completed');
    const logs = new Map(run.logs.map((l: { node_id: string; output: unknown }) => [l.node_id, l.output]));
    expect([...logs.keys()].sort()).toEqual([...NAMES].sort());
    expect(logs.get('toString')).toEqual({ text: 'name=Ada' });
    expect(logs.get('__proto__')).toEqual({ text: 'name=Ada!' });
    expect(logs.get('constructor')).toMatchObject({ constructor: 'x', toString: 'y' });
    const sent = target.received.find((r) => r.path === '/proto');
    expect(sent?.headers).toMatchObject({ constructor: 'c', tostring: 't' });
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ v: 'name=Ada!' });

    const fetched = await t.call('GET', `/workflows/${wf.id}`);
    expect(fetched.body.nodes.map((n: { id: string }) => n.id)).toEqual(nodes.map((n) => n.id));
    const list = await t.call('GET', '/workflows');
    expect(list.status).toBe(200);
    const runs = await t.call('GET', `/workflows/${wf.id}/executions`);
    expect(runs.body.data).toHaveLength(1);
    for (const id of NAMES) {
      const filtered = await t.call('GET', `/workflows/${wf.id}/logs?node_id=${encodeURIComponent(id)}`);
      expect(filtered.status, filtered.text).toBe(200);
      expect(filtered.body.map((l: { node_id: string }) => l.node_id)).toEqual([id]);
    }
    const stats = await t.call('GET', `/workflows/${wf.id}/logs/stats`);
    expect(stats.body.log_statuses).toEqual({ success: 5 });
  });

  it('a retried node named toString keeps its own attempt count', async () => {
    target.respond('/flaky', 503, { no: true });
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('toString', 'webhook', {
          method: 'GET',
          url: `${target.url}/flaky`,
          retry: { max_attempts: 2, backoff_seconds: 0 },
        }),
      ],
      edges: [edge('n1', 'toString')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    expect(run.logs.filter((l: { node_id: string }) => l.node_id === 'toString')).toHaveLength(2);
    expect(target.count('/flaky')).toBe(2);
  });

  it('webhook headers and form fields named __proto__ or constructor are stored as data', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'webhook_trigger'),
        node('n2', 'text_transform', { template: '{{ n1.webhook_payload.constructor }}' }),
      ],
      edges: [edge('n1', 'n2')],
      is_active: true,
    });
    const path = new URL(wf.webhook_url).pathname;
    const res = await fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: [
        ['content-type', 'application/x-www-form-urlencoded'],
        ['__proto__', 'h'],
        ['constructor', 'k'],
      ],
      body: '__proto__=a&constructor=b&toString=c',
    });
    expect(res.status).toBe(202);
    const { run_id } = (await res.json()) as { run_id: string };
    const { waitForRun } = await import('./helpers/workflows.js');
    const run = await waitForRun(t, run_id);
    expect(run.status).toBe('completed');
    expect(run.logs.find((l: { node_id: string }) => l.node_id === 'n2').output).toEqual({ text: 'b' });
    const trigger = run.logs.find((l: { node_id: string }) => l.node_id === 'n1').output;
    // Node's HTTP parser itself drops a header named __proto__; it never reaches a prototype.
    expect(Object.getPrototypeOf(trigger.headers)).toBe(Object.prototype);
    expect(trigger.headers.constructor).toBe('k');
    expect(trigger.webhook_payload).toEqual(JSON.parse('{"__proto__":"a","constructor":"b","toString":"c"}'));
  });

  it('a JSON body with a __proto__ key is refused with 400, never merged', async () => {
    const res = await t.call('POST', '/workflows/test-node', {
      rawBody:
        '{"node": {"id": "x", "type": "text_transform", "data": {"componentId": "text_transform", "template": "{{ a }}"}}, "context": {"__proto__": {"a": 1}}}',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_json');
  });

  it('test-node with a context keyed constructor / toString works', async () => {
    const res = await t.call('POST', '/workflows/test-node', {
      body: {
        node: node('x', 'text_transform', { template: '{{ constructor.a }}-{{ toString }}-{{ valueOf.b }}' }),
        context: { constructor: { a: 1 }, toString: 'ts', valueOf: { b: 2 } },
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.output).toEqual({ text: '1-ts-2' });
  });
});
