import type { Logger } from 'pino';
import type { Config } from './config.js';
import { type Clock, systemClock } from './domain/time.js';
import { hostEngine } from './engine-host.js';
import { createLogger } from './logger.js';
import { setupObservability } from './observability/index.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { VERSION } from './version.js';
import type { Worker } from './worker/worker.js';

export interface WorkerProcess {
  worker: Worker;
  store: Store;
  /** The metrics listener (`--metrics-port`, `STRATOFLOW_METRICS_PORT`), or null. */
  metricsUrl: string | null;
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
  const logger = options.logger ?? createLogger(config);
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
    sqliteSynchronous: config.sqliteSynchronous,
  });
  const observability = await setupObservability(config.observability, {
    store,
    clock,
    logger,
    version: VERSION,
  });
  const engine = await hostEngine(store, config, clock, logger, {
    worker: true,
    telemetry: observability.telemetry,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  const worker = engine.worker as Worker;
  engine.start();
  logger.info({ owner: worker.owner }, 'stratoflow worker started');
  return {
    worker,
    store,
    metricsUrl: observability.metricsUrl,
    async stop() {
      await engine.stop();
      await observability.close();
      await store.close();
    },
  };
}
