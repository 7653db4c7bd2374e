import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largePayload } from '../bench/large-payload-data.js';
import { REF_KEY } from '../src/domain/payload-refs.js';
import { SQLITE_FILE_NAME } from '../src/store/open-store.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, node, waitForRun } from './helpers/workflows.js';

// A ~5 MB body: tens of thousands of records, as an inventory export would post it.
const payload = largePayload(5);
const body = JSON.stringify(payload);
const lastId = payload.items[payload.items.length - 1]?.id;

const SLOW = 120_000; // 5 MB bodies on a loaded 2-core machine

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ bodyLimitBytes: 16 * 1024 * 1024 });
});
afterAll(async () => {
  await t.close();
});

/** Bytes each table holds for a run: the trigger payload is stored once, with the run. */
function storedSizes(runId: string) {
  const db = new Database(join(t.dataDir, SQLITE_FILE_NAME), { readonly: true });
  try {
    const run = db.prepare('SELECT length(trigger_payload) AS n FROM runs WHERE id = ?').get(runId) as {
      n: number;
    };
    const logs = db
      .prepare('SELECT sum(length(input) + length(output)) AS n FROM logs WHERE run_id = ?')
      .get(runId) as { n: number };
    return { run: run.n, logs: logs.n };
  } finally {
    db.close();
  }
}

async function webhookRun(workflow: { webhook_url: string }) {
  const hook = await t.call('POST', new URL(workflow.webhook_url).pathname, { rawBody: body, token: null });
  expect(hook.status).toBe(202);
  return waitForRun(t, hook.body.run_id ?? hook.body.id, { timeoutMs: 30_000 });
}

describe('large payloads', () => {
  it(
    'round-trips a 5 MB body exactly through the sync API, storing it once',
    async () => {
      const wf = await createWorkflow(t, {
        nodes: [
          node('n1', 'sync_request_trigger'),
          node('n2', 'text_transform', { template: '{{ payload | json }}' }),
        ],
        edges: [edge('n1', 'n2')],
      });
      const res = await t.call('POST', `/workflows/sync/${wf.id}`, { rawBody: body });
      expect(res.status).toBe(200);
      expect(res.text).toBe(body);
      const runId = res.headers.get('x-stratoflow-run-id') as string;
      const run = await waitForRun(t, runId);
      expect(run.trigger_payload).toEqual({ payload });
      // The trigger's log refers to the payload instead of holding it (twice: spread and `payload`).
      const trigger = run.logs.find((l: { node_id: string }) => l.node_id === 'n1');
      expect(trigger.output.payload).toEqual({
        [REF_KEY]: 'trigger_payload',
        path: ['payload'],
        note: expect.stringContaining('trigger_payload.payload of GET /workflows/runs/{run_id}'),
      });
      expect(trigger.output.items).toMatchObject({
        [REF_KEY]: 'trigger_payload',
        path: ['payload', 'items'],
      });
      expect(trigger.output.source).toBe('inventory-export');
      // The echo is the node's own output, kept in full once; its input (the rendered template) refers to it.
      const echo = run.logs.find((l: { node_id: string }) => l.node_id === 'n2');
      expect(echo.input.template).toMatchObject({ [REF_KEY]: 'output', path: ['text'] });
      expect(echo.output.text).toBe(body);
      const sizes = storedSizes(runId);
      expect(sizes.run).toBeGreaterThan(body.length);
      expect(sizes.logs).toBeLessThan(body.length * 1.5);
    },
    SLOW,
  );

  it(
    'runs a 5 MB webhook body; the trigger log holds markers and the full value is on the run',
    async () => {
      const wf = await createWorkflow(t, {
        nodes: [
          node('n1', 'webhook_trigger'),
          node('n2', 'text_transform', {
            template:
              '{{ n1.items | size }} {{ webhook_payload.items.last.id }} {{ trigger.items.first.name }}',
          }),
        ],
        edges: [edge('n1', 'n2')],
      });
      const run = await webhookRun(wf);
      expect(run.status).toBe('completed');
      expect(run.logs[1].output.text).toBe(`${payload.items.length} ${lastId} router-0.example.net`);
      expect(run.trigger_payload.webhook_payload).toEqual(payload);
      const ref = run.logs[0].output.items;
      expect(ref).toMatchObject({ [REF_KEY]: 'trigger_payload', path: ['webhook_payload', 'items'] });
      // Following the marker's path into the run's trigger_payload gives the full value.
      const full = (ref.path as string[]).reduce(
        (v: Record<string, unknown>, k) => v[k] as never,
        run.trigger_payload,
      );
      expect(full).toEqual(payload.items);
      expect(storedSizes(run.id).logs).toBeLessThan(10_000);
    },
    SLOW,
  );

  it(
    'gives nodes of a resumed run the full values its inherited logs refer to',
    async () => {
      const wf = await createWorkflow(t, {
        nodes: [
          node('n1', 'webhook_trigger'),
          node('n2', 'text_transform', { template: 'first' }),
          node('n3', 'json_parser', { input: 'not json' }),
        ],
        edges: [edge('n1', 'n2'), edge('n2', 'n3')],
      });
      const failed = await webhookRun(wf);
      expect(failed.status).toBe('failed');
      const edited = await t.call('PUT', `/workflows/${wf.id}`, {
        body: {
          name: 'test',
          nodes: [
            node('n1', 'webhook_trigger'),
            node('n2', 'text_transform', { template: 'first' }),
            node('n3', 'text_transform', { template: '{{ n1.items | size }}/{{ n1.items.last.id }}' }),
          ],
          edges: [edge('n1', 'n2'), edge('n2', 'n3')],
        },
      });
      expect(edited.status).toBe(200);
      const resumed = await t.call('POST', `/workflows/runs/${failed.id}/resume-from/n2`);
      expect(resumed.status).toBe(202);
      const run = await waitForRun(t, resumed.body.new_run.id, { timeoutMs: 30_000 });
      expect(run.status).toBe('completed');
      const n3 = run.logs.find((l: { node_id: string }) => l.node_id === 'n3');
      expect(n3.output.text).toBe(`${payload.items.length}/${lastId}`);
    },
    SLOW,
  );

  it(
    'resolves the references when a parked run is replayed from its logs',
    async () => {
      const wf = await createWorkflow(t, {
        nodes: [
          node('n1', 'webhook_trigger'),
          node('wait', 'delay', { duration: 1, unit: 'seconds' }),
          node('n3', 'text_transform', { template: '{{ n1.items | size }}/{{ n1.payload }}' }),
        ],
        edges: [edge('n1', 'wait'), edge('wait', 'n3')],
      });
      const run = await webhookRun(wf);
      expect(run.status).toBe('completed');
      expect(run.logs.at(-1).output.text).toBe(`${payload.items.length}/`);
    },
    SLOW,
  );

  it('stores a request body as the text it arrived in, without serialising it again', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'sync_request_trigger'),
        node('n2', 'text_transform', { template: '{{ payload.b[1] }}' }),
      ],
      edges: [edge('n1', 'n2')],
    });
    // Spacing JSON.stringify would not produce: seen verbatim in the row, so the text was reused.
    const pretty = '{\n  "a": "x",\n  "b": [1,   2.50]\n}';
    const res = await t.call('POST', `/workflows/sync/${wf.id}`, { rawBody: pretty });
    expect(res.text).toBe('2.5');
    const runId = res.headers.get('x-stratoflow-run-id') as string;
    const db = new Database(join(t.dataDir, SQLITE_FILE_NAME), { readonly: true });
    const row = db.prepare('SELECT trigger_payload AS p FROM runs WHERE id = ?').get(runId) as { p: string };
    db.close();
    expect(row.p).toContain(pretty);
    expect((await waitForRun(t, runId)).trigger_payload).toEqual({ payload: { a: 'x', b: [1, 2.5] } });
  });

  it('keeps small payloads in the logs as they are', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'sync_request_trigger'),
        node('n2', 'text_transform', { template: '{{ payload.a.b }}' }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const res = await t.call('POST', `/workflows/sync/${wf.id}`, { body: { a: { b: 'c' } } });
    expect(res.text).toBe('c');
    const run = await waitForRun(t, res.headers.get('x-stratoflow-run-id') as string);
    expect(run.logs[0].output).toMatchObject({ a: { b: 'c' }, payload: { a: { b: 'c' } } });
  });
});
