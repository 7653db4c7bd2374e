import { parseDaily, parseMonthly, parseWeekly } from './calendar.js';
import { parseCron } from './cron.js';
import { parseInterval } from './interval.js';
import { resolveTimezone } from './timezone.js';
import { type ParseScheduleResult, SCHEDULE_TYPES, type ScheduleTypeName } from './types.js';

const EXAMPLES: Readonly<Record<Exclude<ScheduleTypeName, 'manual'>, string>> = {
  interval: '5 minutes',
  cron: '0 9 * * 1',
  daily: '09:00',
  weekly: 'mon 09:00',
  monthly: '15 09:00',
};

function isScheduleType(type: string): type is ScheduleTypeName {
  return (SCHEDULE_TYPES as readonly string[]).includes(type);
}

/**
 * Reads a workflow's `schedule_type`, `schedule_value` and `schedule_timezone` (IANA, blank = UTC).
 * `manual` yields no schedule and ignores the value, so switching a workflow to manual need not also
 * clear it. Every other type requires a value; failures carry a message that quotes the offending input
 * and shows one that works.
 */
export function parseSchedule(
  type: string,
  value: string | null | undefined,
  timezone?: string | null,
): ParseScheduleResult {
  if (!isScheduleType(type)) {
    return {
      ok: false,
      message: `schedule_type ${JSON.stringify(type)} is not one of ${SCHEDULE_TYPES.join(', ')}`,
    };
  }
  const zone = resolveTimezone(timezone);
  if (!zone.ok) return zone;
  if (type === 'manual') return { ok: true, schedule: null };

  const text = value ?? '';
  if (text.trim() === '') {
    return {
      ok: false,
      message: `schedule_value is required when schedule_type is "${type}", e.g. ${JSON.stringify(EXAMPLES[type])}`,
    };
  }
  switch (type) {
    case 'interval':
      return parseInterval(text);
    case 'cron':
      return parseCron(text, zone.timezone);
    case 'daily':
      return parseDaily(text, zone.timezone);
    case 'weekly':
      return parseWeekly(text, zone.timezone);
    case 'monthly':
      return parseMonthly(text, zone.timezone);
  }
}
