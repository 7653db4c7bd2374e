import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/** The server log tells the story: one info line per failed run, with the node and its message. */
const lines: Record<string, unknown>[] = [];
let t: TestServer;
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  t = await startTestServer({}, {}, { logger: pino({ level: 'info' }, sink) });
});
afterAll(async () => t.close());

it('logs one info line per run that fails, naming run, workflow, node and the redacted message', async () => {
  const secret = 'sk_live_log_canary_0123456789';
  const created = await t.call('POST', '/workflows/vault', { body: { name: 'canary', secret } });
  expect(created.status).toBe(201);
  const wf = await createWorkflow(t, {
    nodes: [
      node('n1', 'manual_trigger'),
      node('boom', 'json_parser', { input: 'not json {{ vault.canary }}' }),
    ],
    edges: [edge('n1', 'boom')],
  });
  const run = await executeAndWait(t, wf.id);
  expect(run.status).toBe('failed');
  const ok = await createWorkflow(t, { nodes: [node('n1', 'manual_trigger')], edges: [] });
  await executeAndWait(t, ok.id);
  const failed = lines.filter((l) => l.msg === 'run failed');
  expect(failed).toHaveLength(1);
  expect(failed[0]).toMatchObject({
    level: 30,
    runId: run.id,
    workflowId: wf.id,
    nodeId: 'boom',
    error: run.error_message,
  });
  expect(JSON.stringify(lines)).not.toContain(secret);
});
