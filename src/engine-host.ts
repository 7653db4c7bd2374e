import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Clock } from './domain/time.js';
import { type EngineTelemetry, noTelemetry } from './engine/telemetry.js';
import { createRuntime, type Runtime } from './runtime.js';
import type { Store } from './store/store.js';
import { openVault, type Vault } from './vault/index.js';
import { createRetention } from './worker/retention.js';
import { createScheduler, type Scheduler } from './worker/scheduler.js';
import { createWorker, type Worker } from './worker/worker.js';

/** The engine a process hosts: vault, runtime and, unless API-only, a worker with its scheduler. */
export interface EngineHost {
  runtime: Runtime;
  vault: Vault;
  worker: Worker | null;
  /** Starts claiming runs and firing schedules. */
  start(): void;
  /** Stops firing and claiming, drains in-flight runs, closes outbound HTTP. The store stays open. */
  stop(): Promise<void>;
}

export async function hostEngine(
  store: Store,
  config: Config,
  clock: Clock,
  logger: Logger,
  options: {
    worker: boolean;
    concurrency?: number;
    telemetry?: EngineTelemetry;
    retentionIntervalMs?: number;
  },
): Promise<EngineHost> {
  if (store.dialect === 'postgres' && !config.masterKey) {
    logger.warn(
      "STRATOFLOW_MASTER_KEY is not set: the vault key lives in this host's data folder, so other processes cannot read the vault. Set the same STRATOFLOW_MASTER_KEY on every process.",
    );
  }
  const vault = openVault({
    store,
    clock,
    masterKey: config.masterKey,
    dataDir: config.dataDir,
    publicUrl: config.publicUrl,
  });
  const telemetry = options.telemetry ?? noTelemetry;
  const runtime = createRuntime(store, config, clock, logger, vault, { telemetry });
  if (!options.worker) {
    return { runtime, vault, worker: null, start: () => undefined, stop: () => runtime.http.close() };
  }
  const worker = createWorker({
    deps: runtime.executor,
    logger,
    concurrency: options.concurrency ?? config.limits.workerConcurrency,
    leaseMs: config.limits.leaseMs,
    pollIntervalMs: 1000,
  });
  runtime.setWake(() => worker.wake());
  runtime.setDispatcher(worker);
  // Schedules fire wherever runs are worked on; the store's compare-and-set keeps them exactly-once.
  const scheduler: Scheduler = createScheduler({
    store,
    clock,
    logger,
    telemetry,
    onRunCreated: () => worker.wake(),
  });
  // Retention runs wherever runs are worked on; concurrent sweeps skip each other's rows.
  const retention = createRetention({
    store,
    clock,
    logger,
    retentionMs: config.retentionMs,
    ...(options.retentionIntervalMs ? { intervalMs: options.retentionIntervalMs } : {}),
  });
  const unsubscribe = await store.onRunsReady(() => worker.wake());
  return {
    runtime,
    vault,
    worker,
    start() {
      worker.start();
      scheduler.start();
      retention.start();
    },
    async stop() {
      await retention.stop();
      await scheduler.stop();
      await unsubscribe();
      await worker.stop();
      await runtime.http.close();
    },
  };
}
