import { notA, type ParseValueResult, type Schedule } from './types.js';

type IntervalSchedule = Extract<Schedule, { type: 'interval' }>;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Longest interval accepted: a year. Longer ones are almost always typos ("5000 days"). */
const MAX_INTERVAL_MS = 365 * DAY;

const UNIT_MS: Readonly<Record<string, number>> = {
  s: SECOND,
  sec: SECOND,
  secs: SECOND,
  second: SECOND,
  seconds: SECOND,
  min: MINUTE,
  mins: MINUTE,
  minute: MINUTE,
  minutes: MINUTE,
  h: HOUR,
  hr: HOUR,
  hrs: HOUR,
  hour: HOUR,
  hours: HOUR,
  d: DAY,
  day: DAY,
  days: DAY,
};

const EXAMPLE = '5 minutes';

/** `"5 minutes"`, `"1 hour"`, `"30s"`, `"2 HRS"`: a whole positive amount and a unit up to days. */
export function parseInterval(value: string): ParseValueResult<IntervalSchedule> {
  const match = /^(\d+)\s*([a-z]+)$/i.exec(value.trim());
  const unitMs = match ? UNIT_MS[match[2]!.toLowerCase()] : undefined;
  if (!match || unitMs === undefined) {
    const reason = 'give a whole number and a unit: seconds, minutes, hours or days';
    return { ok: false, message: notA(value, 'an interval', EXAMPLE, reason) };
  }
  const amount = Number(match[1]);
  if (amount < 1) {
    return { ok: false, message: notA(value, 'an interval', EXAMPLE, 'the amount must be at least 1') };
  }
  const everyMs = amount * unitMs;
  if (everyMs > MAX_INTERVAL_MS) {
    return { ok: false, message: notA(value, 'an interval', EXAMPLE, 'the longest interval is 365 days') };
  }
  return { ok: true, schedule: { type: 'interval', everyMs } };
}

/**
 * With an anchor (the workflow's creation or last schedule change) fires fall on the grid
 * `anchor + k * every` for k >= 1 — never on the anchor itself — and the result is the first grid point
 * after `afterMs`. A scheduler back from downtime runs the overdue fire once, asks for the next one after
 * "now", and gets a single future time on the same grid: no burst of missed runs, no drift.
 * Without an anchor the next fire is simply one interval after `afterMs`.
 */
export function nextIntervalFire(everyMs: number, afterMs: number, anchorMs?: number): number {
  if (anchorMs === undefined) return afterMs + everyMs;
  const elapsedSteps = Math.floor((afterMs - anchorMs) / everyMs);
  return anchorMs + Math.max(1, elapsedSteps + 1) * everyMs;
}

const UNIT_NAMES: ReadonlyArray<readonly [number, string]> = [
  [DAY, 'day'],
  [HOUR, 'hour'],
  [MINUTE, 'minute'],
  [SECOND, 'second'],
];

/** `"every 5 minutes"`, `"every hour"`, `"every 90 minutes"`: the largest unit that divides evenly. */
export function describeInterval(everyMs: number): string {
  for (const [unitMs, name] of UNIT_NAMES) {
    if (everyMs % unitMs !== 0) continue;
    const amount = everyMs / unitMs;
    return amount === 1 ? `every ${name}` : `every ${amount} ${name}s`;
  }
  return `every ${everyMs} ms`;
}
