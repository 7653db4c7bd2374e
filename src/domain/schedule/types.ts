/**
 * Schedules: when a workflow fires on its own.
 *
 * A workflow stores its schedule as three strings (`schedule_type`, `schedule_value`,
 * `schedule_timezone`); `parseSchedule` turns them into a `Schedule`, and `nextFireAfter` computes fire
 * times from it. Everything here is pure: no clock, no timers.
 */

/** Every `schedule_type` a workflow may carry, in the order the API documents them. */
export const SCHEDULE_TYPES = ['manual', 'interval', 'cron', 'daily', 'weekly', 'monthly'] as const;

export type ScheduleTypeName = (typeof SCHEDULE_TYPES)[number];

/** The zone used when a workflow names none. */
export const DEFAULT_TIMEZONE = 'UTC';

/** A local time of day, 24-hour clock. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type Schedule =
  | { type: 'interval'; everyMs: number }
  | { type: 'cron'; expression: string; timezone: string }
  | ({ type: 'daily'; timezone: string } & TimeOfDay)
  | ({ type: 'weekly'; weekday: IsoWeekday; timezone: string } & TimeOfDay)
  | ({ type: 'monthly'; dayOfMonth: number; timezone: string } & TimeOfDay);

export type ParseScheduleResult = { ok: true; schedule: Schedule | null } | { ok: false; message: string };

/** What a single format parser returns; `parseSchedule` widens it. */
export type ParseValueResult<S extends Schedule> = { ok: true; schedule: S } | { ok: false; message: string };

/** The error message every format uses: it quotes the value and shows one that works. */
export function notA(value: string, what: string, example: string, reason?: string): string {
  const base = `schedule_value ${JSON.stringify(value)} is not ${what} like ${JSON.stringify(example)}`;
  return reason === undefined ? base : `${base}: ${reason}`;
}
