/**
 * Benchmark (b): webhook → text_transform. autocannon posts to the webhook URL on loopback; we report
 * runs accepted and completed per second, p50/p99 latency of the 202, and the backlog left when the load
 * stops. Median of several rounds.
 *   npx tsx bench/webhook-throughput.ts                       # embedded: SQLite, API + worker in one process
 *   npx tsx bench/webhook-throughput.ts --store postgres --workers 2   # API process + 2 worker processes
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type ChildServer, spawnStratoflow, startChildServer } from '../test/helpers/child-server.js';
import { findPostgresBinDir, startThrowawayCluster } from '../test/helpers/pg-cluster.js';
import {
  benchApi,
  createWebhookWorkflow,
  median,
  runCounts,
  saveResult,
  sleep,
  tempDir,
  UNLIMITED_ENV,
} from './lib.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    workers: { type: 'string', default: '0' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
});
const WORKERS = Number(values.workers);
const DURATION = Number(values.duration);
const postgres = values.store === 'postgres';

const cluster = postgres ? await startThrowawayCluster(findPostgresBinDir() ?? '', { durable: true }) : null;
const env: NodeJS.ProcessEnv = {
  STRATOFLOW_LOG_LEVEL: 'error',
  ...UNLIMITED_ENV,
  ...(cluster ? { DATABASE_URL: cluster.url } : {}),
};
const server: ChildServer = await startChildServer(
  tempDir('stratoflow-bench-wh-'),
  env,
  WORKERS > 0 ? ['--no-worker'] : [],
);
const workers = Array.from({ length: WORKERS }, () => spawnStratoflow(['worker'], env));
const api = await benchApi(server.url);
const workflow = await createWebhookWorkflow(
  api,
  'webhook bench',
  'event {{ n1.event_type }} for {{ n1.data.id }}',
);
const webhookUrl = workflow.hookUrl;

const rounds: Record<string, number>[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  const before = await runCounts(api, workflow.id);
  const started = performance.now();
  const result = await autocannon({
    url: webhookUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event_type: 'site.offline', data: { id: 'site_123' } }),
    connections: Number(values.connections),
    duration: DURATION,
  });
  const loadSeconds = (performance.now() - started) / 1000;
  // Count from the server's side: autocannon drops the answers of requests in flight when it stops.
  const atEnd = await runCounts(api, workflow.id);
  let after = atEnd;
  while (after.finished < after.total) {
    await sleep(50);
    after = await runCounts(api, workflow.id);
  }
  const accepted = after.total - before.total;
  const totalSeconds = (performance.now() - started) / 1000;
  const row = {
    accepted_per_s: Math.round(accepted / loadSeconds),
    completed_per_s: Math.round(accepted / totalSeconds),
    completed_during_load_per_s: Math.round((atEnd.finished - before.finished) / loadSeconds),
    backlog_at_end: atEnd.total - atEnd.finished,
    drain_s: Number((totalSeconds - loadSeconds).toFixed(2)),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non_2xx: result.non2xx + result.errors + result.timeouts,
  };
  rounds.push(row);
  console.log(`round ${round}:`, JSON.stringify(row));
}

for (const w of workers) w.child.kill('SIGTERM');
server.child.kill('SIGTERM');
await Promise.all([server.exited, ...workers.map((w) => w.exited)]);
await cluster?.stop();
const pick = (key: string) => median(rounds.map((r) => r[key] as number));
saveResult(`webhook-${postgres ? `postgres-${WORKERS}w` : 'sqlite'}`, {
  store: postgres ? 'postgres (fsync on)' : 'sqlite (WAL, synchronous=NORMAL)',
  worker_processes: WORKERS === 0 ? 'in the serve process' : WORKERS,
  connections: Number(values.connections),
  duration_s: DURATION,
  accepted_per_s: pick('accepted_per_s'),
  completed_per_s: pick('completed_per_s'),
  completed_during_load_per_s: pick('completed_during_load_per_s'),
  backlog_at_end: pick('backlog_at_end'),
  p50_ms: pick('p50_ms'),
  p99_ms: pick('p99_ms'),
  rounds,
});
