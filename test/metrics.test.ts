import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { newRunRecord } from '../src/engine/run-service.js';
import { startWorkerProcess } from '../src/worker-process.js';
import { createTestDatabase, postgresAdminUrl } from './helpers/postgres.js';
import { startTestServer, TEST_SECRET, type TestServer } from './helpers/server.js';
import { startTarget, type Target } from './helpers/target.js';
import { createWorkflow, edge, executeAndWait, node, waitForRun } from './helpers/workflows.js';

const METRICS_TOKEN = 'metrics-token-for-the-suite-0123456789';

/** The value of one sample (`name{labels} value`), or undefined when the line is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[4]);
  }
  return undefined;
}

async function scrape(url: string, token: string | null = METRICS_TOKEN) {
  const response = await fetch(`${url}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

describe('Prometheus metrics', () => {
  let t: TestServer;
  let target: Target;

  beforeAll(async () => {
    target = await startTarget();
    target.respond('/broken', 503, { error: 'down' });
    t = await startTestServer(
      { httpAllowedCidrs: '127.0.0.1/32' },
      { STRATOFLOW_METRICS_TOKEN: METRICS_TOKEN, STRATOFLOW_METRICS_PORT: '0' },
    );
  });

  afterAll(async () => {
    await t.close();
    await target.close();
  });

  it('asks for the metrics token on the API port: 401 without it or with another token', async () => {
    const none = await scrape(t.url, null);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text).code).toBe('authentication_required');
    const userJwt = await scrape(t.url, await t.token());
    expect(userJwt.status).toBe(401);
    const wrong = await scrape(t.url, `${METRICS_TOKEN}x`);
    expect(wrong.status).toBe(401);
    const right = await scrape(t.url);
    expect(right.status).toBe(200);
    expect(right.type).toContain('text/plain');
    expect(right.text).toContain('# TYPE stratoflow_runs_started_total counter');
  });

  it('serves the same metrics on the separate listener, which asks for the token too', async () => {
    const url = t.server.metricsUrl as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe(t.url);
    expect((await scrape(url, null)).status).toBe(401);
    const ok = await scrape(url);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('stratoflow_queue_depth');
    expect((await fetch(`${url}/workflows`)).status).toBe(404);
  });

  it('counts started, completed and failed runs by workflow and times nodes by component', async () => {
    const good = await createWorkflow(t, {
      nodes: [node('t', 'manual_trigger'), node('x', 'text_transform', { template: 'hi' })],
      edges: [edge('t', 'x')],
    });
    const bad = await createWorkflow(t, {
      nodes: [
        node('t', 'manual_trigger'),
        node('call', 'webhook', { method: 'POST', url: `${target.url}/broken` }),
      ],
      edges: [edge('t', 'call')],
    });
    const before = (await scrape(t.url)).text;
    expect(sample(before, 'stratoflow_runs_started_total', { workflow_id: good.id })).toBeUndefined();

    expect((await executeAndWait(t, good.id)).status).toBe('completed');
    expect((await executeAndWait(t, good.id)).status).toBe('completed');
    expect((await executeAndWait(t, bad.id)).status).toBe('failed');

    const after = (await scrape(t.url)).text;
    expect(sample(after, 'stratoflow_runs_started_total', { workflow_id: good.id })).toBe(2);
    expect(sample(after, 'stratoflow_runs_completed_total', { workflow_id: good.id })).toBe(2);
    expect(sample(after, 'stratoflow_runs_failed_total', { workflow_id: good.id })).toBeUndefined();
    expect(sample(after, 'stratoflow_runs_started_total', { workflow_id: bad.id })).toBe(1);
    expect(sample(after, 'stratoflow_runs_failed_total', { workflow_id: bad.id })).toBe(1);
    expect(sample(after, 'stratoflow_runs_completed_total', { workflow_id: bad.id })).toBeUndefined();
    const timed = (component: string, status: string) =>
      sample(after, 'stratoflow_node_duration_seconds_count', { component, status });
    expect(timed('text_transform', 'success')).toBeGreaterThanOrEqual(2);
    expect(timed('webhook', 'error')).toBe(1);
    expect(timed('webhook', 'success')).toBeUndefined();
  });

  it('times HTTP requests by route pattern, never by raw URL', async () => {
    const wf = await createWorkflow(t, { nodes: [node('t', 'manual_trigger')], edges: [] });
    await t.call('GET', `/workflows/${wf.id}`);
    await t.call('GET', '/no/such/route');
    const text = (await scrape(t.url)).text;
    const count = (route: string, status: string) =>
      sample(text, 'stratoflow_http_request_duration_seconds_count', {
        method: 'GET',
        route,
        status_code: status,
      });
    expect(count('/workflows/:workflowId', '200')).toBeGreaterThanOrEqual(1);
    expect(count('unmatched', '404')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(`/workflows/${wf.id}`);
    expect(text).not.toContain('/no/such/route');
  });

  it('reads the ready queue on scrape and counts a takeover of an expired lease', async () => {
    const wf = await createWorkflow(t, {
      nodes: [node('t', 'manual_trigger'), node('x', 'text_transform', { template: 'again' })],
      edges: [edge('t', 'x')],
    });
    const head = await t.server.store.getWorkflow('org_a', wf.id);
    if (!head) throw new Error('workflow missing');
    const before = sample((await scrape(t.url)).text, 'stratoflow_lease_takeovers_total') ?? 0;
    // A run whose worker died holding it: its lease expired a minute ago.
    const now = Date.now();
    const run = newRunRecord(
      {
        workflow: head,
        origin: 'manual',
        trigger: { origin: 'manual', payload: {} },
        lease: { owner: 'dead-host:1:abcd', until: now - 60_000 },
      },
      now - 120_000,
      { owner: 'dead-host:1:abcd', until: now - 60_000 },
    );
    await t.server.store.createRun(run);
    const queued = (await scrape(t.url)).text;
    expect(sample(queued, 'stratoflow_queue_depth')).toBeGreaterThanOrEqual(1);
    expect(sample(queued, 'stratoflow_queue_oldest_ready_age_seconds')).toBeGreaterThanOrEqual(100);

    t.server.worker?.wake();
    expect((await waitForRun(t, run.id)).status).toBe('completed');
    const text = (await scrape(t.url)).text;
    expect(sample(text, 'stratoflow_lease_takeovers_total')).toBe(before + 1);
    expect(sample(text, 'stratoflow_queue_depth')).toBe(0);
    expect(sample(text, 'stratoflow_queue_oldest_ready_age_seconds')).toBe(0);
  });

  it('includes event-loop lag and the default process metrics', async () => {
    const text = (await scrape(t.url)).text;
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

describe('metrics turned off', () => {
  it('answers 404 on /metrics and opens no metrics listener when neither token nor port is set', async () => {
    const t = await startTestServer();
    try {
      const res = await scrape(t.url);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text).code).toBe('metrics_not_enabled');
      expect(t.server.metricsUrl).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('refuses a metrics token too short to be safe', () => {
    expect(() => loadConfig({ STRATOFLOW_METRICS_TOKEN: 'short' })).toThrow(/at least 16 bytes/);
  });
});

describe.skipIf(!postgresAdminUrl())('a worker process on PostgreSQL', () => {
  it('serves its own metrics on its metrics port, without a token when none is set', async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'stratoflow-metrics-'));
    const api = await startTestServer({ databaseUrl: database.url, dataDir }, {}, { worker: false });
    const config = loadConfig(
      {
        DATABASE_URL: database.url,
        STRATOFLOW_JWT_SECRET: TEST_SECRET,
        STRATOFLOW_METRICS_PORT: '0',
        STRATOFLOW_DATA_DIR: dataDir,
      },
      { logLevel: 'silent' },
    );
    const worker = await startWorkerProcess(config, { logger: pino({ level: 'silent' }) });
    try {
      const wf = await createWorkflow(api, {
        nodes: [node('t', 'manual_trigger'), node('x', 'text_transform', { template: 'pg' })],
        edges: [edge('t', 'x')],
      });
      expect((await executeAndWait(api, wf.id)).status).toBe('completed');
      const res = await scrape(worker.metricsUrl as string, null);
      expect(res.status).toBe(200);
      expect(sample(res.text, 'stratoflow_runs_completed_total', { workflow_id: wf.id })).toBe(1);
      // The run was created by the API process, so the worker did not count it as started.
      expect(sample(res.text, 'stratoflow_runs_started_total', { workflow_id: wf.id })).toBeUndefined();
    } finally {
      await worker.stop();
      await api.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
