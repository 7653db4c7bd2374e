/**
 * Benchmark (a): a chain of 40 text_transform nodes, embedded (SQLite, WAL) and durable (every log
 * committed; pure nodes' logs with the run's next commit, decision 0026). Prints time per node; median of
 * several rounds.
 *   npx tsx bench/chain.ts [--rounds 5] [--runs 50] [--store sqlite|postgres]
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/domain/time.js';
import { type EngineTelemetry, noTelemetry } from '../src/engine/telemetry.js';
import { createWorkflowService } from '../src/engine/workflow-service.js';
import { createRuntime } from '../src/runtime.js';
import { openStore } from '../src/store/open-store.js';
import { createWorker } from '../src/worker/worker.js';
import { findPostgresBinDir, startThrowawayCluster } from '../test/helpers/pg-cluster.js';
import { chainDefinition, median, saveResult, tempDir } from './lib.js';

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
// Runs are counted as they end (the executor's telemetry hook), not by polling the store: a poll every
// millisecond competed with the runs for the one event loop and added ~1 ms to each run.
let ended = 0;
let failed = 0;
let onEnd = () => {};
const telemetry: EngineTelemetry = {
  ...noTelemetry,
  runEnded(_run, end) {
    ended++;
    if (end === 'failed') failed++;
    onEnd();
  },
};
const config = { ...loadConfig({}), httpAllowedCidrs: '' };
const runtime = createRuntime(store, config, clock, logger, {}, { telemetry });
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
  const target = RUNS * (round + 1);
  const allEnded = new Promise<void>((resolve) => {
    onEnd = () => {
      if (ended >= target || failed > 0) resolve();
    };
  });
  const started = performance.now();
  worker.start();
  await allEnded;
  if (failed > 0) throw new Error('a run failed');
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
  note: "sequential runs (worker concurrency 1); the pure nodes' logs commit with the run's end (decision 0026)",
});
