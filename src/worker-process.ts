import { type Logger, pino } from 'pino';
import type { Config } from './config.js';
import { type Clock, systemClock } from './domain/time.js';
import { createRuntime } from './runtime.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { openVault } from './vault/index.js';
import { createScheduler } from './worker/scheduler.js';
import { createWorker, type Worker } from './worker/worker.js';

export interface WorkerProcess {
  worker: Worker;
  store: Store;
  stop(): Promise<void>;
}

/**
 * `stratoflow worker`: a stateless process that only executes runs (no HTTP). Any number may run on any
 * host against one PostgreSQL database; they wake on NOTIFY and share work through leases.
 */
export async function startWorkerProcess(
  config: Config,
  options: { concurrency?: number; clock?: Clock; logger?: Logger } = {},
): Promise<WorkerProcess> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  if (config.databaseUrl === null) {
    throw new Error(
      'stratoflow worker needs DATABASE_URL (PostgreSQL); the embedded mode runs its worker inside serve.',
    );
  }
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgPoolSize: config.pgPoolSize,
  });
  if (!config.masterKey) {
    logger.warn(
      'STRATOFLOW_MASTER_KEY is not set: this worker uses the key file of its own data folder and cannot read vault items sealed by other processes.',
    );
  }
  const vault = openVault({
    store,
    clock,
    masterKey: config.masterKey,
    dataDir: config.dataDir,
    publicUrl: config.publicUrl,
  });
  const runtime = createRuntime(store, config, clock, logger, vault.secrets);
  const worker = createWorker({
    deps: runtime.executor,
    logger,
    concurrency: options.concurrency ?? config.limits.workerConcurrency,
    leaseMs: config.limits.leaseMs,
    pollIntervalMs: 1000,
  });
  runtime.setWake(() => worker.wake());
  runtime.setDispatcher(worker);
  const unsubscribe = await store.onRunsReady(() => worker.wake());
  worker.start();
  // Schedules fire wherever runs are worked on; the store's compare-and-set keeps them exactly-once.
  const scheduler = createScheduler({ store, clock, logger, onRunCreated: () => worker.wake() });
  scheduler.start();
  logger.info({ owner: worker.owner }, 'stratoflow worker started');
  return {
    worker,
    store,
    async stop() {
      await scheduler.stop();
      await unsubscribe();
      await worker.stop();
      await runtime.http.close();
      await store.close();
    },
  };
}
