import type { Logger } from 'pino';
import type { Clock } from '../domain/time.js';
import type { RunRecord } from '../domain/types.js';
import { createScheduleFiring } from '../engine/schedule-firing.js';
import type { EngineTelemetry } from '../engine/telemetry.js';
import type { Store } from '../store/store.js';
import { createWakeSignal } from './wake-signal.js';

export interface SchedulerOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** A scheduled run was created (wake the worker). */
  onRunCreated(run: RunRecord): void;
  /**
   * Longest sleep between looks (default 1 s): picks up schedules saved by other processes, and bounds
   * how late a newly saved schedule's first fire can be.
   */
  maxSleepMs?: number;
  /** Schedule lag and created runs (metrics). */
  telemetry?: EngineTelemetry;
}

export interface Scheduler {
  start(): void;
  /** Look for due schedules now. */
  wake(): void;
  /** Stops the loop; resolves once the current pass has finished. */
  stop(): Promise<void>;
}

/**
 * The schedule loop: fires what is due, then sleeps until the earliest `next_run_at` (at most
 * `maxSleepMs`). Any number of processes may run one against the same store; see `createScheduleFiring`.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, clock, logger } = options;
  const maxSleepMs = options.maxSleepMs ?? 1000;
  const firing = createScheduleFiring({
    store,
    clock,
    logger,
    onRunCreated: options.onRunCreated,
    ...(options.telemetry ? { telemetry: options.telemetry } : {}),
  });
  let running = false;
  let stopping = false;
  let loopDone: Promise<void> = Promise.resolve();
  const signal = createWakeSignal();
  const sleep = signal.sleep;
  const wake = signal.wake;

  async function untilNextDue(): Promise<number> {
    const next = await store.nextScheduledAt().catch(() => null);
    if (next === null) return maxSleepMs;
    return Math.max(0, Math.min(maxSleepMs, next - clock.now()));
  }

  async function loop() {
    while (!stopping) {
      let healthy = true;
      try {
        const { started, failed } = await firing.fireDue();
        if (started > 0) logger.debug({ started }, 'scheduled runs started');
        healthy = failed === 0;
      } catch (error) {
        healthy = false;
        logger.error({ err: error }, 'reading due schedules failed; retrying');
      }
      if (stopping) break;
      // After a failure the failed workflow is still due: wait the full period instead of spinning.
      await sleep(healthy ? await untilNextDue() : maxSleepMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopping = false;
      loopDone = loop();
    },
    wake,
    async stop() {
      if (!running) return;
      stopping = true;
      wake();
      await loopDone;
      running = false;
    },
  };
}
