import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { startTarget, type Target } from './helpers/target.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/** No run loops forever: outputs and parsed responses are shape-checked; test-node never answers 500. */
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

const deep = (levels: number) => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('depth and size checks', () => {
  it('deep JSON from a peer server fails the run within seconds, with a clear message', async () => {
    const body = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const peer = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(body),
    );
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(peer.address() as AddressInfo).port}/deep`;
    const wf = await createWorkflow(t, {
      nodes: [node('n1', 'manual_trigger'), node('n2', 'webhook', { method: 'GET', url })],
      edges: [edge('n1', 'n2')],
    });
    const started = Date.now();
    const run = await executeAndWait(t, wf.id, {}, 'org_a').finally(() => peer.close());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.status).toBe('failed');
    expect(run.error_message).toMatch(/nests JSON objects or arrays more than 64 levels deep/);
  });

  it('a node output nested deeper than 64 levels fails the node (json_parser)', async () => {
    const text = JSON.stringify(deep(100));
    const res = await t.call('POST', '/workflows/test-node', {
      body: { node: node('p', 'json_parser', { input: text }) },
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(
      /output cannot be stored: it nests objects or arrays more than 64 levels/,
    );
    const ok = await t.call('POST', '/workflows/test-node', {
      body: { node: node('p', 'json_parser', { input: JSON.stringify(deep(60)) }) },
    });
    expect(ok.status).toBe(200);
  });
});

describe('test-node never answers 500', () => {
  it.each([
    ['an unknown vault item', node('x', 'text_transform', { template: '{{ vault.nope_missing }}' })],
    [
      'an unknown vault id',
      node('h', 'webhook', {
        method: 'GET',
        url: 'https://example.test/',
        headers: [{ key: 'a', value: 'vlt_0123456789abcdef' }],
      }),
    ],
    ['a broken template', node('x', 'text_transform', { template: '{% if %}' })],
    ['a wrong type', node('x', 'delay', { duration: 'soon', unit: 'years' })],
    ['a trigger_workflow', node('x', 'trigger_workflow', { workflow_id: 'fl_nope' })],
    ['an iterator over a string', node('x', 'iterator', { items: 'abc', workflow_id: 'fl_nope' })],
  ])('%s', async (_, tested) => {
    const res = await t.call('POST', '/workflows/test-node', { body: { node: tested } });
    expect(res.status, res.text).toBeLessThan(500);
    expect(res.body).toMatchObject({ type: expect.any(String), code: expect.any(String) });
  });
});
