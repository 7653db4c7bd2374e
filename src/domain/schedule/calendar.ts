import { luxon } from '../luxon.js';
import { compileCron, nextCompiledFire } from './cron.js';
import { type IsoWeekday, notA, type ParseValueResult, type Schedule, type TimeOfDay } from './types.js';

/** The wall-clock schedules: a time of day, optionally on a weekday or a day of the month. */
export type CalendarSchedule = Extract<Schedule, { type: 'daily' | 'weekly' | 'monthly' }>;

const TIME = String.raw`(\d{1,2}):(\d{2})`;
const TIME_REASON = 'the time must be HH:MM on a 24-hour clock';

function toTimeOfDay(hourText: string, minuteText: string): TimeOfDay | null {
  const hour = Number(hourText);
  const minute = Number(minuteText);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/** `"09:00"`, `"17:30"`. */
export function parseDaily(value: string, timezone: string): ParseValueResult<CalendarSchedule> {
  const match = new RegExp(`^${TIME}$`).exec(value.trim());
  const time = match ? toTimeOfDay(match[1]!, match[2]!) : null;
  if (!time) return { ok: false, message: notA(value, 'a daily time', '09:00', TIME_REASON) };
  return { ok: true, schedule: { type: 'daily', ...time, timezone } };
}

const WEEKDAYS: Readonly<Record<string, IsoWeekday>> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};

/** `"mon 09:00"`, `"Friday 17:30"`. */
export function parseWeekly(value: string, timezone: string): ParseValueResult<CalendarSchedule> {
  const match = new RegExp(`^([a-z]+)\\s+${TIME}$`, 'i').exec(value.trim());
  const weekday = match ? WEEKDAYS[match[1]!.toLowerCase()] : undefined;
  const time = match ? toTimeOfDay(match[2]!, match[3]!) : null;
  if (!weekday || !time) {
    const reason = 'give a day (mon..sun) and a time HH:MM on a 24-hour clock';
    return { ok: false, message: notA(value, 'a weekly time', 'mon 09:00', reason) };
  }
  return { ok: true, schedule: { type: 'weekly', weekday, ...time, timezone } };
}

/**
 * `"15 09:00"`: a day of the month (1–31) and a time. Decision: when a month is shorter than the day
 * (31 in April, 30 or 29 in February) the schedule fires on that month's last day instead of skipping
 * the month, so "monthly on the 31st" means "at the end of every month" and never goes silent.
 */
export function parseMonthly(value: string, timezone: string): ParseValueResult<CalendarSchedule> {
  const match = new RegExp(`^(\\d{1,2})\\s+${TIME}$`).exec(value.trim());
  const dayOfMonth = match ? Number(match[1]) : 0;
  const time = match ? toTimeOfDay(match[2]!, match[3]!) : null;
  if (dayOfMonth < 1 || dayOfMonth > 31 || !time) {
    const reason = 'give a day of the month (1-31) and a time HH:MM on a 24-hour clock';
    return { ok: false, message: notA(value, 'a monthly time', '15 09:00', reason) };
  }
  return { ok: true, schedule: { type: 'monthly', dayOfMonth, ...time, timezone } };
}

/**
 * The calendar schedule as a cron expression, so that DST is handled by croner exactly as for cron
 * schedules (a time in the spring-forward gap fires once when the clock jumps; a time the fall-back
 * repeats fires once, at its first occurrence). Days 29–31 also match the last day (`L`); see
 * `nextCalendarFire` for the filtering that makes it "that day, or the last day when the month is shorter".
 */
export function calendarCronExpression(schedule: CalendarSchedule): string {
  const time = `${schedule.minute} ${schedule.hour}`;
  switch (schedule.type) {
    case 'daily':
      return `${time} * * *`;
    case 'weekly':
      return `${time} * * ${schedule.weekday % 7}`;
    case 'monthly':
      return schedule.dayOfMonth <= 28
        ? `${time} ${schedule.dayOfMonth} * *`
        : `${time} ${schedule.dayOfMonth},L * *`;
  }
}

export function nextCalendarFire(schedule: CalendarSchedule, afterMs: number): number {
  const job = compileCron(calendarCronExpression(schedule), schedule.timezone);
  let candidate = nextCompiledFire(job, afterMs);
  if (schedule.type !== 'monthly' || schedule.dayOfMonth <= 28) return candidate;
  // "30,L" also matches the 31st of a long month; keep only the wanted day of each month. Every month
  // has one match, so a couple of steps suffice; the bound only guards against a croner surprise.
  for (let step = 0; step < 24; step++) {
    const local = luxon().DateTime.fromMillis(candidate, { zone: schedule.timezone });
    if (local.day === Math.min(schedule.dayOfMonth, local.daysInMonth ?? 31)) return candidate;
    candidate = nextCompiledFire(job, candidate);
  }
  throw new Error(`monthly schedule on day ${schedule.dayOfMonth} found no fire time after ${afterMs}`);
}
