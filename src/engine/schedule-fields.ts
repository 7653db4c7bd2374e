import { nextFireAfter, parseSchedule } from '../domain/schedule/index.js';
import type { ScheduleType, WorkflowNode } from '../domain/types.js';
import type { DefinitionIssue } from './validate.js';

export interface ScheduleFields {
  scheduleType: ScheduleType | null;
  scheduleValue: string | null;
  scheduleTimezone: string | null;
}

/**
 * The workflow's effective schedule. Workflow-level fields win; when they say `manual` (or nothing) a
 * `scheduled_trigger` node's own `schedule_*` config is mirrored up, so either place works.
 */
export function effectiveSchedule(fields: ScheduleFields, trigger: WorkflowNode | undefined): ScheduleFields {
  const data = trigger?.data;
  const nodeType = data?.componentId === 'scheduled_trigger' ? data.schedule_type : undefined;
  if ((fields.scheduleType === null || fields.scheduleType === 'manual') && typeof nodeType === 'string') {
    return {
      scheduleType: nodeType as ScheduleType,
      scheduleValue: typeof data?.schedule_value === 'string' ? data.schedule_value : null,
      scheduleTimezone:
        typeof data?.schedule_timezone === 'string' ? data.schedule_timezone : fields.scheduleTimezone,
    };
  }
  return fields;
}

/** Checks the schedule and computes `next_run_at` (null for manual). */
export function planSchedule(
  fields: ScheduleFields,
  now: number,
): { ok: true; fields: ScheduleFields; nextRunAt: number | null } | { ok: false; issue: DefinitionIssue } {
  const type = fields.scheduleType ?? 'manual';
  if ((type === 'interval' || type === 'cron') && !fields.scheduleValue) {
    return {
      ok: false,
      issue: {
        message: `schedule_value is required when schedule_type is '${type}'.`,
        param: 'schedule_value',
      },
    };
  }
  const parsed = parseSchedule(type, fields.scheduleValue, fields.scheduleTimezone);
  if (!parsed.ok) {
    const param = /timezone/i.test(parsed.message) ? 'schedule_timezone' : 'schedule_value';
    return { ok: false, issue: { message: parsed.message, param } };
  }
  const nextRunAt = parsed.schedule ? nextFireAfter(parsed.schedule, now) : null;
  return { ok: true, fields, nextRunAt };
}
