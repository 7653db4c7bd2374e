import type { Logger } from 'pino';
import type { Clock } from '../domain/time.js';
import type { Store } from '../store/store.js';
import { createWakeSignal } from './wake-signal.js';

export interface RetentionOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** How long finished runs are kept after they ended (`STRATOFLOW_RETENTION_DAYS`); 0 keeps them. */
  retentionMs: number;
  /** Runs deleted per transaction (default 200): short transactions that never hold up the workers. */
  batchSize?: number;
  /** Pause between batches (default 50 ms), so a large backlog is worked off without hogging the store. */
  pauseMs?: number;
  /** Time between sweeps (default: a tenth of the retention, between 1 s and 10 minutes). */
  intervalMs?: number;
}

export interface Retention {
  start(): void;
  /** Sweep now (tests). */
  wake(): void;
  stop(): Promise<void>;
}

/** The background sweep that deletes finished runs older than the retention, then reclaims the space. */
export function createRetention(options: RetentionOptions): Retention {
  const { store, clock, logger, retentionMs } = options;
  const batchSize = options.batchSize ?? 200;
  const pauseMs = options.pauseMs ?? 50;
  const intervalMs = options.intervalMs ?? Math.min(600_000, Math.max(1000, Math.floor(retentionMs / 10)));
  const signal = createWakeSignal();
  let stopping = false;
  let loopDone: Promise<void> | null = null;

  /** One sweep: batches until a short one, each followed by a pause. Returns the runs deleted. */
  async function sweep(): Promise<number> {
    let deleted = 0;
    while (!stopping) {
      const n = await store.deleteFinishedRuns(clock.now() - retentionMs, batchSize);
      deleted += n;
      if (n < batchSize) break;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    if (deleted > 0) {
      const pages = await store.reclaimSpace();
      logger.info({ deleted, reclaimedPages: pages }, 'retention: finished runs deleted');
    }
    return deleted;
  }

  async function loop() {
    while (!stopping) {
      try {
        await sweep();
      } catch (error) {
        logger.error({ err: error }, 'retention sweep failed; retrying at the next sweep');
      }
      if (!stopping) await signal.sleep(intervalMs);
    }
  }

  return {
    start() {
      if (retentionMs <= 0 || loopDone) return;
      stopping = false;
      loopDone = loop();
    },
    wake: signal.wake,
    async stop() {
      if (!loopDone) return;
      stopping = true;
      signal.wake();
      await loopDone;
      loopDone = null;
    },
  };
}
