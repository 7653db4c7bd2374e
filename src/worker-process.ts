import type { Logger } from 'pino';
import type { Config } from './config.js';
import { type Clock, systemClock } from './domain/time.js';
import { hostEngine } from './engine-host.js';
import { createLogger } from './logger.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import type { Worker } from './worker/worker.js';

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
  const engine = await hostEngine(store, config, clock, logger, {
    worker: true,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  const worker = engine.worker as Worker;
  engine.start();
  logger.info({ owner: worker.owner }, 'stratoflow worker started');
  return {
    worker,
    store,
    async stop() {
      await engine.stop();
      await store.close();
    },
  };
}
