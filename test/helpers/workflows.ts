import type { TestServer } from './server.js';

type Data = Record<string, unknown>;

/** A node as the API takes it. */
export function node(id: string, componentId: string, data: Data = {}) {
  return { id, type: componentId, position: { x: 0, y: 0 }, data: { componentId, ...data } };
}

export function edge(source: string, target: string, sourceHandle?: string) {
  return {
    id: `${source}-${target}${sourceHandle ? `-${sourceHandle}` : ''}`,
    source,
    target,
    ...(sourceHandle ? { sourceHandle } : {}),
  };
}

/** Creates a workflow and returns its API body (fails the test on a non-201). */
export async function createWorkflow(t: TestServer, body: Data, org = 'org_a') {
  const res = await t.call('POST', '/workflows', { body: { name: 'test', ...body }, org });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Polls the run until it is completed or failed (or `until` says so). */
export async function waitForRun(
  t: TestServer,
  runId: string,
  options: { org?: string; timeoutMs?: number; until?: (run: Data) => boolean } = {},
) {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const done = options.until ?? ((run: Data) => run.status === 'completed' || run.status === 'failed');
  while (Date.now() < deadline) {
    const res = await t.call('GET', `/workflows/runs/${runId}`, { org: options.org ?? 'org_a' });
    if (res.status === 200 && done(res.body)) return res.body;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`run ${runId} did not finish in time`);
}

/** Executes a workflow and waits for its run to end. */
export async function executeAndWait(t: TestServer, workflowId: string, context: Data = {}, org = 'org_a') {
  const res = await t.call('POST', `/workflows/${workflowId}/execute`, { body: { context }, org });
  if (res.status !== 202) throw new Error(`execute failed: ${res.status} ${res.text}`);
  return waitForRun(t, res.body.id, { org });
}
