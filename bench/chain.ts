/**
 * Benchmark (a): a chain of 40 text_transform nodes, embedded (SQLite, WAL) and durable (each node's
 * log committed in its own transaction). Prints time per node; median of several rounds.
 *   npx tsx bench/chain.ts [--rounds 5] [--runs 50] [--store sqlite|postgres]
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/domain/time.js';
import { createWorkflowService } from '../src/engine/workflow-service.js';
import { createRuntime } from '../src/runtime.js';
import { openStore } from '../src/store/open-store.js';
import { createWorker } from '../src/worker/worker.js';
import { findPostgresBinDir, startThrowawayCluster } from '../test/helpers/pg-cluster.js';
import { chainDefinition, median, saveResult, sleep, tempDir } from './lib.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    runs: { type: 'string', default: '50' },
    store: { type: 'string', default: 'sqlite' },
  },
});
const ROUNDS = Number(values.rounds);
const RUNS = Number(values.runs);
const CHAIN = 40;

// PostgreSQL: a throwaway cluster with production durability (fsync and synchronous_commit on).
const cluster =
  values.store === 'postgres'
    ? await startThrowawayCluster(findPostgresBinDir() ?? '', { durable: true })
    : null;
const databaseUrl = cluster?.url ?? null;
const store = await openStore({ databaseUrl, dataDir: tempDir('stratoflow-bench-chain-') });
const clock = systemClock;
const logger = pino({ level: 'silent' });
const runtime = createRuntime(store, { ...loadConfig({}), httpAllowedCidrs: '' }, clock, logger);
const { registry, executor: deps, runs } = runtime;
const workflows = createWorkflowService({
  store,
  registry,
  clock,
  limits: deps.limits,
  authorizationExists: async () => false,
  templates: deps.templates,
});
const workflow = await workflows.create('org_bench', { name: 'chain', ...chainDefinition(CHAIN) });

const perNodeUs: number[] = [];
for (let round = 0; round < ROUNDS + 1; round++) {
  for (let i = 0; i < RUNS; i++) await runs.execute('org_bench', workflow.id, { i });
  const worker = createWorker({
    deps,
    logger,
    concurrency: 1,
    leaseMs: 30_000,
    pollIntervalMs: 5,
    owner: `bench-${round}`,
  });
  const started = performance.now();
  worker.start();
  while (true) {
    const counts = await store.countRunsByStatus('org_bench', workflow.id, null);
    if ((counts.completed ?? 0) === RUNS * (round + 1)) break;
    if ((counts.failed ?? 0) > 0) throw new Error('a run failed');
    await sleep(1);
  }
  const elapsedMs = performance.now() - started;
  await worker.stop();
  if (round === 0) continue; // warm-up
  perNodeUs.push((elapsedMs * 1000) / (RUNS * CHAIN));
  console.log(`round ${round}: ${((elapsedMs * 1000) / (RUNS * CHAIN)).toFixed(1)} µs per node`);
}
const logs = await store.listRunLogs(
  (await store.listRuns('org_bench', workflow.id, { page: 1, perPage: 1 })).rows[0]?.id ?? '',
);
await runtime.http.close();
await store.close();
await cluster?.stop();
saveResult(databaseUrl ? 'chain-postgres' : 'chain-sqlite', {
  store: databaseUrl ? 'postgres' : 'sqlite',
  chain_length: CHAIN,
  runs_per_round: RUNS,
  rounds: ROUNDS,
  logs_per_run: logs.length,
  per_node_us_median: Number(median(perNodeUs).toFixed(1)),
  per_node_us_rounds: perNodeUs.map((v) => Number(v.toFixed(1))),
  note: 'sequential runs (worker concurrency 1); each node commits its log in its own transaction',
});
