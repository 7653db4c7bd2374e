import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, node } from './helpers/workflows.js';

/**
 * One tenant cannot stall the server: user regexes run in linear time, Liquid time and memory are
 * budgeted per node (all fields together) and per call, unknown config keys are refused at save, and
 * inline calls (test-node, sync) are capped per organization.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ orgConcurrency: 4, httpAllowedCidrs: '127.0.0.0/8' });
});
afterAll(async () => t.close());

async function healthzLatencies(whileRunning: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  const finished = whileRunning.finally(() => {
    done = true;
  });
  while (!done) {
    const started = performance.now();
    const res = await fetch(`${t.url}/healthz`);
    await res.text();
    expect(res.status).toBe(200);
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 5));
  }
  await finished;
  return latencies;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe('bounded CPU per request and per node', () => {
  it('a catastrophic-backtracking regex on a 40-character input blocks nothing', async () => {
    const evil = node('c', 'string_condition', {
      value: `${'a'.repeat(40)}!`,
      operator: 'matches_regex',
      compare_to: '^(a+)+$',
    });
    // Once before measuring: the first call loads the regex engine and compiles the pattern.
    await t.call('POST', '/workflows/test-node', { body: { node: evil }, org: 'org_regex_warm' });
    // One org per request so the concurrency cap is not what is measured.
    const tests = Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.call('POST', '/workflows/test-node', { body: { node: evil }, org: `org_regex_${i}` }),
      ),
    );
    const latencies = await healthzLatencies(tests);
    for (const res of await tests) {
      expect(res.status, res.text).toBe(200);
      expect(res.body.handle).toBe('false');
    }
    expect(latencies.length).toBeGreaterThan(0);
    // A backtracking engine would block for hours; a few ms typical, ≤ 100 ms on a loaded CI host.
    expect(median(latencies)).toBeLessThanOrEqual(100);
    expect(Math.max(...latencies)).toBeLessThan(500);
  });

  it('a multi-field Liquid bomb is stopped by the per-node budget, not multiplied by its fields', async () => {
    // Each field alone renders 2.4 million characters (under a per-render limit); 40 of them would be ~100M.
    const bomb = `{% for i in (1..2400) %}${'x'.repeat(1000)}{% endfor %}`;
    const headers = Array.from({ length: 40 }, (_, i) => ({ key: `x-h${i}`, value: bomb }));
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const run = t.call('POST', '/workflows/test-node', {
      body: { node: node('w', 'webhook', { method: 'POST', url: 'https://example.test/', headers }) },
    });
    const latencies = await healthzLatencies(run);
    const res = await run;
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('node_test_failed');
    expect(res.body.message).toMatch(
      /more than 10000000 characters or items \(all fields of the node together\)/,
    );
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    expect(Math.max(...latencies)).toBeLessThan(1500);
  });

  it('a slow multi-field render is stopped after the node budget of one second in total', async () => {
    const slow = '{% for a in (1..300) %}{% for b in (1..300) %}{{ b }}{% endfor %}{% endfor %}';
    const fields = Array.from({ length: 30 }, (_, i) => ({ key: `x-${i}`, value: `${slow}{{ "" }}` }));
    const started = performance.now();
    const res = await t.call('POST', '/workflows/test-node', {
      body: { node: node('w', 'webhook', { method: 'POST', url: 'https://example.test/', headers: fields }) },
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(
      /longer than 1000 ms \(all fields of the node together\)|more than 10000000/,
    );
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it('a synchronous call shares one render budget across its nodes', async () => {
    const chunk = `{% for i in (1..4000) %}${'y'.repeat(1000)}{% endfor %}`; // 4M characters per node
    const nodes = [node('n1', 'sync_request_trigger')];
    const edges = [];
    for (let i = 2; i <= 10; i++) {
      nodes.push(node(`n${i}`, 'text_transform', { template: i === 10 ? 'done' : chunk }));
      edges.push(edge(`n${i - 1}`, `n${i}`));
    }
    const wf = await createWorkflow(t, { nodes, edges, is_active: true });
    const res = await t.call('POST', `/workflows/sync/${wf.id}`, { body: {} });
    expect(res.status, res.text).toBe(422);
    expect(res.body.code).toBe('sync_run_failed');
    expect(res.body.message).toMatch(/more than 10000000 characters/);
  });

  it('refuses unknown keys in node data at save time, naming the key; metadata keys stay accepted', async () => {
    const body = {
      name: 'Keys',
      nodes: [
        node('n1', 'manual_trigger', { uiId: 'u1', label: 'Start', description: 'd' }),
        node('n2', 'text_transform', {
          template: 'x',
          uiId: 'u2',
          operation: 'render',
          continue_on_error: false,
          retry: { max_attempts: 2 },
          temlpate: '{{ n1 }}',
        }),
      ],
      edges: [edge('n1', 'n2')],
    };
    const res = await t.call('POST', '/workflows', { body });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'workflow_invalid', param: 'nodes[1].data.temlpate' });
    expect(res.body.message).toMatch(/unknown field 'temlpate'; accepted fields: template/);
    const fixed = structuredClone(body);
    delete (fixed.nodes[1] as { data: Record<string, unknown> }).data.temlpate;
    expect((await t.call('POST', '/workflows', { body: fixed })).status).toBe(201);
  });

  it('caps test-node and sync calls per organization with 429 and Retry-After', async () => {
    const slow = createServer((_req, res) => setTimeout(() => res.end('{}'), 800));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`;
    try {
      const call = node('h', 'webhook', { method: 'GET', url });
      const held = Array.from({ length: 4 }, () =>
        t.call('POST', '/workflows/test-node', { body: { node: call }, org: 'org_cap' }),
      );
      await new Promise((r) => setTimeout(r, 200));
      const wf = await createWorkflow(
        t,
        {
          nodes: [node('n1', 'sync_request_trigger'), node('n2', 'text_transform', { template: 'ok' })],
          edges: [edge('n1', 'n2')],
          is_active: true,
        },
        'org_cap',
      );
      for (const refused of [
        await t.call('POST', '/workflows/test-node', { body: { node: call }, org: 'org_cap' }),
        await t.call('POST', `/workflows/sync/${wf.id}`, { body: {}, org: 'org_cap' }),
      ]) {
        expect(refused.status, refused.text).toBe(429);
        expect(refused.body.code).toBe('concurrency_limited');
        expect(refused.headers.get('retry-after')).toBe('1');
      }
      // Another organization is not affected.
      const other = await t.call('POST', '/workflows/test-node', { body: { node: call }, org: 'org_other' });
      expect(other.status).toBe(200);
      for (const res of await Promise.all(held)) expect(res.status, res.text).toBe(200);
      const after = await t.call('POST', `/workflows/sync/${wf.id}`, { body: {}, org: 'org_cap' });
      expect(after.status, after.text).toBe(200);
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });
});
