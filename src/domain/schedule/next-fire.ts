import { nextCalendarFire } from './calendar.js';
import { nextCronFire } from './cron.js';
import { nextIntervalFire } from './interval.js';
import type { Schedule } from './types.js';

/**
 * The first fire time strictly after `afterMs` (epoch ms). `anchorMs` — the workflow's creation or last
 * schedule change — only matters for intervals, which then fire on the grid `anchor + k * every`; see
 * `nextIntervalFire`. Cron and calendar schedules fire on whole minutes in their timezone.
 */
export function nextFireAfter(schedule: Schedule, afterMs: number, anchorMs?: number): number {
  switch (schedule.type) {
    case 'interval':
      return nextIntervalFire(schedule.everyMs, afterMs, anchorMs);
    case 'cron':
      return nextCronFire(schedule.expression, schedule.timezone, afterMs);
    case 'daily':
    case 'weekly':
    case 'monthly':
      return nextCalendarFire(schedule, afterMs);
  }
}
