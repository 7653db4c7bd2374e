import { StratoflowError } from '../domain/errors.js';
import { nextFireAfter, parseSchedule } from '../domain/schedule/index.js';
import type { WorkflowRecord } from '../domain/types.js';
import type { Store } from '../store/store.js';

/** Per-organization quotas; 0 turns one off (README, Configuration). */
export interface OrgQuotas {
  workflows: number;
  activeSchedules: number;
  runsInFlight: number;
  minScheduleIntervalSeconds: number;
}

export const NO_QUOTAS: OrgQuotas = {
  workflows: 0,
  activeSchedules: 0,
  runsInFlight: 0,
  minScheduleIntervalSeconds: 0,
};

const scheduled = (w: WorkflowRecord) => w.isActive && w.scheduleType !== null && w.scheduleType !== 'manual';

/** Shortest gap between two fires of `w`'s schedule, in ms (null when it has none). */
function scheduleGapMs(w: WorkflowRecord, now: number): number | null {
  if (!scheduled(w)) return null;
  const parsed = parseSchedule(w.scheduleType ?? 'manual', w.scheduleValue, w.scheduleTimezone);
  if (!parsed.ok || !parsed.schedule) return null;
  const first = nextFireAfter(parsed.schedule, now);
  return first === null ? null : (nextFireAfter(parsed.schedule, first) ?? first) - first;
}

/** Checks a workflow about to be saved against the organization's quotas (422 `quota_exceeded`). */
export async function checkWorkflowQuotas(
  store: Store,
  quotas: OrgQuotas,
  record: WorkflowRecord,
  isNew: boolean,
  now: number,
): Promise<void> {
  const needsList = (isNew && quotas.workflows > 0) || (scheduled(record) && quotas.activeSchedules > 0);
  const others = needsList ? (await store.listWorkflows(record.orgId)).filter((w) => w.id !== record.id) : [];
  if (isNew && quotas.workflows > 0 && others.length >= quotas.workflows) {
    throw new StratoflowError(
      'quota_exceeded',
      `The organization has ${others.length} workflows; its quota is ${quotas.workflows} (STRATOFLOW_QUOTA_WORKFLOWS). Delete one first.`,
    );
  }
  if (scheduled(record) && quotas.activeSchedules > 0) {
    const active = others.filter(scheduled).length;
    if (active >= quotas.activeSchedules) {
      throw new StratoflowError(
        'quota_exceeded',
        `The organization has ${active} active scheduled workflows; its quota is ${quotas.activeSchedules} (STRATOFLOW_QUOTA_ACTIVE_SCHEDULES). Deactivate one or save this one inactive.`,
        'is_active',
      );
    }
  }
  const gap = quotas.minScheduleIntervalSeconds > 0 ? scheduleGapMs(record, now) : null;
  if (gap !== null && gap < quotas.minScheduleIntervalSeconds * 1000) {
    throw new StratoflowError(
      'quota_exceeded',
      `This schedule fires every ${Math.round(gap / 1000)} seconds; the shortest interval allowed is ${quotas.minScheduleIntervalSeconds} seconds (STRATOFLOW_MIN_SCHEDULE_INTERVAL_SECONDS).`,
      'schedule_value',
    );
  }
}

/** Refuses a new top-level run while the organization has its quota of runs pending or running (429). */
export async function checkRunsInFlight(store: Store, quotas: OrgQuotas, orgId: string): Promise<void> {
  if (quotas.runsInFlight <= 0) return;
  const inFlight = await store.countRunsInFlight(orgId);
  if (inFlight >= quotas.runsInFlight) {
    const error = new StratoflowError(
      'runs_in_flight_exceeded',
      `The organization has ${inFlight} runs pending or running; its quota is ${quotas.runsInFlight} (STRATOFLOW_QUOTA_RUNS_IN_FLIGHT). Retry when some have finished.`,
    );
    error.retryAfterSeconds = 5;
    throw error;
  }
}
