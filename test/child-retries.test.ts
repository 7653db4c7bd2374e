import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { startTarget, type Target } from './helpers/target.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/** Retrying a node that starts child runs starts a new child, not the failed one again. */
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

/** A child that calls `path` on the target: fails while the target answers 503. */
async function flakyChild(path: string, trigger = 'workflow_trigger') {
  return createWorkflow(t, {
    nodes: [node('n1', trigger), node('n2', 'webhook', { method: 'GET', url: `${target.url}${path}` })],
    edges: [edge('n1', 'n2')],
  });
}

/** Answers 503 until the first request arrived, then 200. */
function recoverAfterFirst(path: string) {
  target.respond(path, 503, { down: true });
  const timer = setInterval(() => {
    if (target.count(path) >= 1) {
      target.respond(path, 200, { up: true });
      clearInterval(timer);
    }
  }, 5);
}

describe('retries of nodes that start child runs', () => {
  it.each([
    ['trigger_workflow', 'workflow_trigger', (id: string) => ({ workflow_id: id })],
    ['iterator', 'subflow_trigger', (id: string) => ({ workflow_id: id, items: '[1]' })],
  ])('%s: the second attempt starts a fresh child that succeeds', async (component, trigger, data) => {
    const path = `/flaky-${component}`;
    const callee = await flakyChild(path, trigger);
    recoverAfterFirst(path);
    const caller = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('call', component, { ...data(callee.id), retry: { max_attempts: 2, backoff_seconds: 0.3 } }),
      ],
      edges: [edge('n1', 'call')],
    });
    const run = await executeAndWait(t, caller.id, {}, 'org_a');
    expect(run.error_message).toBeNull();
    expect(run.status).toBe('completed');
    const attempts = run.logs.filter((l: { node_id: string }) => l.node_id === 'call');
    expect(attempts.map((l: { status: string }) => l.status)).toEqual(['error', 'success']);
    const children = await t.call('GET', `/workflows/${callee.id}/executions`);
    expect(children.body.data.map((r: { status: string }) => r.status).sort()).toEqual([
      'completed',
      'failed',
    ]);
  });
});
