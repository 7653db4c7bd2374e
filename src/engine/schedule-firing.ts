import { nextFireAfter, parseSchedule } from '../domain/schedule/index.js';
import { type Clock, formatTimestamp } from '../domain/time.js';
import type { RunRecord } from '../domain/types.js';
import type { TriggerInput } from '../nodes/contract.js';
import type { DueWorkflow, Store } from '../store/store.js';
import { newRunRecord } from './run-service.js';
import type { EngineTelemetry } from './telemetry.js';

export interface ScheduleFiringDeps {
  store: Store;
  clock: Clock;
  logger: {
    info(obj: object, msg?: string): void;
    warn(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
  };
  /** Called after a scheduled run is durably created (wakes the local worker). */
  onRunCreated(run: RunRecord): void;
  /** Due workflows read per query (default 100). */
  batchSize?: number;
  /** Hears how late each schedule fired (metrics). */
  telemetry?: Pick<EngineTelemetry, 'scheduleFired' | 'runCreated'>;
}

/** The pending run that fires `due` at its due time: the trigger input carries the scheduled time. */
function scheduledRun(due: DueWorkflow, now: number): RunRecord {
  const scheduledFor = formatTimestamp(due.nextRunAt);
  const trigger: TriggerInput = {
    origin: 'schedule',
    payload: { scheduled_for: scheduledFor },
    scheduledFor,
  };
  return newRunRecord({ workflow: due, origin: 'schedule', trigger }, now);
}

/**
 * Firing due schedules, safe to run in any number of processes at once. Each due time is claimed with
 * the store's compare-and-set on `next_run_at` (`Store.fireSchedule`), so exactly one process creates its
 * run. The next due time is the first one after *now* on the schedule's own grid (intervals stay anchored
 * to the due time), so a scheduler back from downtime fires one catch-up run, not one per missed time.
 */
export function createScheduleFiring(deps: ScheduleFiringDeps) {
  const { store, clock, logger } = deps;
  const batchSize = deps.batchSize ?? 100;

  async function fire(due: DueWorkflow, now: number): Promise<boolean> {
    const parsed = parseSchedule(due.scheduleType, due.scheduleValue, due.scheduleTimezone);
    if (!parsed.ok || parsed.schedule === null) {
      const reason = parsed.ok ? 'the schedule is manual' : parsed.message;
      logger.warn({ workflowId: due.id, reason }, 'stored schedule cannot fire; clearing next_run_at');
      await store.advanceSchedule(due.id, due.nextRunAt, null);
      return false;
    }
    const next = nextFireAfter(parsed.schedule, now, due.nextRunAt);
    const run = scheduledRun(due, now);
    const fired = await store.fireSchedule(due.id, due.nextRunAt, next, run);
    if (fired) {
      deps.telemetry?.scheduleFired(Math.max(0, now - due.nextRunAt));
      deps.telemetry?.runCreated(run);
      logger.info(
        { workflowId: due.id, runId: run.id, scheduledFor: new Date(due.nextRunAt).toISOString() },
        'schedule fired',
      );
      deps.onRunCreated(run);
    }
    return fired;
  }

  return {
    /** Fires every schedule due now; says how many runs this call started and how many fires failed. */
    async fireDue(): Promise<{ started: number; failed: number }> {
      let started = 0;
      let failed = 0;
      for (;;) {
        const now = clock.now();
        const due = await store.dueWorkflows(now, batchSize);
        for (const workflow of due) {
          try {
            if (await fire(workflow, now)) started += 1;
          } catch (error) {
            failed += 1;
            logger.error({ err: error, workflowId: workflow.id }, 'firing a schedule failed; retrying soon');
          }
        }
        // A full batch may hide more due workflows (whatever was fired, here or elsewhere, is no longer
        // due); after a failure the caller's next pass retries instead of spinning here.
        if (due.length < batchSize || failed > 0) return { started, failed };
      }
    },
  };
}

export type ScheduleFiring = ReturnType<typeof createScheduleFiring>;
