import { Cron } from 'croner';
import { notA, type ParseValueResult, type Schedule } from './types.js';

type CronSchedule = Extract<Schedule, { type: 'cron' }>;

const EXAMPLE = '0 9 * * 1';

/**
 * Builds a croner job in evaluate-only mode: no callback is passed, so croner starts no timer.
 *
 * - `5-part`: minute precision, as standard cron; seconds are always 0.
 * - `no-wildcard`: a time without `*` or a step in minute and hour (`30 2 * * *`, `30 2,14 * * *`) is a
 *   fixed time, as in Vixie cron: in a DST gap it fires once when the clock jumps forward, and a time the
 *   fall-back repeats fires once, at its first occurrence. Wildcard and step times (`*\/15 * * * *`) skip
 *   the gap and keep firing through the repeated hour.
 * Croner reads day-of-month and day-of-week with OR logic, as standard cron does.
 */
export function compileCron(expression: string, timezone: string): Cron {
  return new Cron(expression, { timezone, mode: '5-part', fixedTimeRule: 'no-wildcard' });
}

/**
 * A standard 5-field expression (minute hour day-of-month month day-of-week) with lists, ranges,
 * steps and names (`MON-FRI`, `JAN`), plus croner's nicknames (`@daily`) and extensions (`L`, `#`).
 * A 6- or 7-field expression (with seconds or years) is refused with its own message.
 */
export function parseCron(value: string, timezone: string): ParseValueResult<CronSchedule> {
  const expression = value.trim().replace(/\s+/g, ' ');
  const fieldCount = expression.split(' ').length;
  const isNickname = expression.startsWith('@');
  if (!isNickname && fieldCount !== 5) {
    const fields = 'use 5 fields (minute hour day-of-month month day-of-week)';
    const reason =
      fieldCount === 6 || fieldCount === 7
        ? `it has ${fieldCount} fields, but a seconds field is not supported; ${fields}`
        : `it has ${fieldCount} fields; ${fields}`;
    return { ok: false, message: notA(value, 'a 5-field cron expression', EXAMPLE, reason) };
  }
  let job: Cron;
  try {
    job = compileCron(expression, timezone);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    return { ok: false, message: notA(value, 'a 5-field cron expression', EXAMPLE, reason) };
  }
  if (job.nextRun(new Date(0)) === null) {
    return { ok: false, message: notA(value, 'a 5-field cron expression', EXAMPLE, 'it never fires') };
  }
  return { ok: true, schedule: { type: 'cron', expression, timezone } };
}

/** The first instant strictly after `afterMs` matching the expression, in its timezone. */
export function nextCronFire(expression: string, timezone: string, afterMs: number): number {
  return nextCompiledFire(compileCron(expression, timezone), afterMs);
}

export function nextCompiledFire(job: Cron, afterMs: number): number {
  const next = job.nextRun(new Date(afterMs));
  if (next === null) throw new Error(`cron "${job.getPattern() ?? ''}" has no fire time after ${afterMs}`);
  return next.getTime();
}
