import { describeInterval } from './interval.js';
import type { Schedule, TimeOfDay } from './types.js';

const WEEKDAY_NAMES = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];

function clock({ hour, minute }: TimeOfDay): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
  return `${day}${suffix}`;
}

/** One line for the UI and the CLI: `"every 5 minutes"`, `"at 09:00 on Mondays (Europe/Berlin)"`. */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.type) {
    case 'interval':
      return describeInterval(schedule.everyMs);
    case 'cron':
      return `on cron "${schedule.expression}" (${schedule.timezone})`;
    case 'daily':
      return `at ${clock(schedule)} every day (${schedule.timezone})`;
    case 'weekly':
      return `at ${clock(schedule)} on ${WEEKDAY_NAMES[schedule.weekday - 1]} (${schedule.timezone})`;
    case 'monthly': {
      const shortMonths = schedule.dayOfMonth > 28 ? ', or the last day of shorter months' : '';
      return `at ${clock(schedule)} on the ${ordinal(schedule.dayOfMonth)} of every month${shortMonths} (${schedule.timezone})`;
    }
  }
}
