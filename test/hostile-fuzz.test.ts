import { afterAll, beforeAll, expect, it } from 'vitest';
import { fuzz } from './helpers/fuzz.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, executeAndWait, node } from './helpers/workflows.js';

/** ≥ 10,000 malformed requests from /openapi.json, fixed seed: zero 5xx, every error in the envelope. */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

it('survives 10,000 hostile requests across every endpoint without a 5xx', { timeout: 120_000 }, async () => {
  const wf = await createWorkflow(t, { nodes: [node('n1', 'manual_trigger')], edges: [] });
  const run = await executeAndWait(t, wf.id);
  const report = await fuzz({
    baseUrl: t.url,
    token: await t.token(),
    seed: 12,
    total: 10_000,
    concurrency: 8,
    known: { workflowId: wf.id, runId: run.id },
  });
  expect(report.failures.slice(0, 30)).toEqual([]);
  expect(report.requests).toBeGreaterThanOrEqual(10_000);
  expect(Object.keys(report.byStatus).some((s) => Number(s) >= 500)).toBe(false);
  // Still up and answering.
  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  expect((await t.call('GET', '/workflows')).status).toBe(200);
});
