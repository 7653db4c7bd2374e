import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextFireAfter, parseSchedule, type Schedule } from './index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function schedule(type: string, value: string, timezone?: string): Schedule {
  const result = parseSchedule(type, value, timezone);
  if (!result.ok || result.schedule === null) throw new Error(`bad test schedule ${type} ${value}`);
  return result.schedule;
}

/** Epoch ms of an ISO date-time; without an offset it is read in `zone`. */
function ms(iso: string, zone = 'UTC'): number {
  return DateTime.fromISO(iso, { zone }).toMillis();
}

/** A fire time as local ISO with offset, e.g. `2025-03-30T03:00:00+02:00`. */
function local(epochMs: number, zone: string): string {
  return DateTime.fromMillis(epochMs, { zone }).toISO({ suppressMilliseconds: true }) ?? 'invalid';
}

/** The next `count` fire times after `fromIso`, each as local ISO. */
function fires(target: Schedule, fromIso: string, count: number, zone: string): string[] {
  const result: string[] = [];
  let after = ms(fromIso, zone);
  for (let i = 0; i < count; i++) {
    after = nextFireAfter(target, after);
    result.push(local(after, zone));
  }
  return result;
}

describe('nextFireAfter: interval', () => {
  const every5 = schedule('interval', '5 minutes');
  const anchor = ms('2025-01-01T10:00:00.123Z');

  it('without an anchor fires one interval after afterMs', () => {
    expect(nextFireAfter(every5, 1_000)).toBe(1_000 + 5 * MINUTE);
  });

  it('with an anchor fires on the anchor grid, strictly after afterMs', () => {
    expect(nextFireAfter(every5, anchor, anchor)).toBe(anchor + 5 * MINUTE);
    expect(nextFireAfter(every5, anchor + 1, anchor)).toBe(anchor + 5 * MINUTE);
    expect(nextFireAfter(every5, anchor + 5 * MINUTE - 1, anchor)).toBe(anchor + 5 * MINUTE);
    expect(nextFireAfter(every5, anchor + 5 * MINUTE, anchor)).toBe(anchor + 10 * MINUTE);
    expect(nextFireAfter(every5, anchor + 7 * MINUTE, anchor)).toBe(anchor + 10 * MINUTE);
  });

  it('never fires on the anchor itself, even when afterMs is before it', () => {
    expect(nextFireAfter(every5, anchor - HOUR, anchor)).toBe(anchor + 5 * MINUTE);
  });

  it('catches up after downtime with a single due time on the grid', () => {
    const dueBeforeOutage = nextFireAfter(every5, anchor, anchor);
    const backAt = dueBeforeOutage + 3 * 24 * HOUR + 17 * MINUTE + 42_000;
    const next = nextFireAfter(every5, backAt, anchor);
    // Everything missed is one overdue fire; the next one is the grid point right after "now".
    expect(next).toBe(anchor + (3 * 24 * 12 + 5) * 5 * MINUTE);
    expect(next).toBeGreaterThan(backAt);
    expect(next - backAt).toBeLessThanOrEqual(5 * MINUTE);
    expect((next - anchor) % (5 * MINUTE)).toBe(0);
  });
});

describe('nextFireAfter: cron', () => {
  it('finds the next matching minute in UTC, strictly after afterMs', () => {
    const monday9 = schedule('cron', '0 9 * * 1');
    expect(local(nextFireAfter(monday9, ms('2025-01-01T12:00:00Z')), 'UTC')).toBe('2025-01-06T09:00:00Z');
    expect(local(nextFireAfter(monday9, ms('2025-01-06T08:59:59.999Z')), 'UTC')).toBe('2025-01-06T09:00:00Z');
    expect(local(nextFireAfter(monday9, ms('2025-01-06T09:00:00Z')), 'UTC')).toBe('2025-01-13T09:00:00Z');
    expect(local(nextFireAfter(monday9, ms('2025-01-06T09:00:00.500Z')), 'UTC')).toBe('2025-01-13T09:00:00Z');
  });

  it('understands steps, ranges and day names', () => {
    const officeQuarters = schedule('cron', '*/15 9-17 * * MON-FRI');
    expect(fires(officeQuarters, '2025-01-03T17:40:00Z', 3, 'UTC')).toEqual([
      '2025-01-03T17:45:00Z',
      '2025-01-06T09:00:00Z',
      '2025-01-06T09:15:00Z',
    ]);
  });

  it('understands month names and lists', () => {
    const halfYearly = schedule('cron', '30 12 1 JAN,JUL *');
    expect(fires(halfYearly, '2025-02-01T00:00:00Z', 3, 'UTC')).toEqual([
      '2025-07-01T12:30:00Z',
      '2026-01-01T12:30:00Z',
      '2026-07-01T12:30:00Z',
    ]);
  });

  it('reads the expression in its timezone', () => {
    const nineInBerlin = schedule('cron', '0 9 * * *', 'Europe/Berlin');
    expect(nextFireAfter(nineInBerlin, ms('2025-01-10T00:00:00Z'))).toBe(ms('2025-01-10T08:00:00Z'));
    expect(nextFireAfter(nineInBerlin, ms('2025-07-10T00:00:00Z'))).toBe(ms('2025-07-10T07:00:00Z'));
  });

  it('fires a fixed time once across both Berlin DST transitions', () => {
    const twoThirty = schedule('cron', '30 2 * * *', 'Europe/Berlin');
    expect(fires(twoThirty, '2025-03-29T12:00', 2, 'Europe/Berlin')).toEqual([
      '2025-03-30T03:00:00+02:00',
      '2025-03-31T02:30:00+02:00',
    ]);
    expect(fires(twoThirty, '2025-10-25T12:00', 2, 'Europe/Berlin')).toEqual([
      '2025-10-26T02:30:00+02:00',
      '2025-10-27T02:30:00+01:00',
    ]);
  });

  it('treats a list of fixed times like Vixie cron: once in the gap, once on fall-back', () => {
    const twice = schedule('cron', '30 2,14 * * *', 'Europe/Berlin');
    expect(fires(twice, '2025-03-30T00:00', 2, 'Europe/Berlin')).toEqual([
      '2025-03-30T03:00:00+02:00',
      '2025-03-30T14:30:00+02:00',
    ]);
    expect(fires(twice, '2025-10-26T00:00', 2, 'Europe/Berlin')).toEqual([
      '2025-10-26T02:30:00+02:00',
      '2025-10-26T14:30:00+01:00',
    ]);
  });

  it('keeps a wildcard schedule running through the repeated hour', () => {
    const halfHourly = schedule('cron', '*/30 * * * *', 'Europe/Berlin');
    expect(fires(halfHourly, '2025-10-26T01:50', 5, 'Europe/Berlin')).toEqual([
      '2025-10-26T02:00:00+02:00',
      '2025-10-26T02:30:00+02:00',
      '2025-10-26T02:00:00+01:00',
      '2025-10-26T02:30:00+01:00',
      '2025-10-26T03:00:00+01:00',
    ]);
  });
});

describe('nextFireAfter: daily and weekly', () => {
  it('fires today when the time is still ahead, else tomorrow', () => {
    const nine = schedule('daily', '09:00');
    expect(local(nextFireAfter(nine, ms('2025-05-05T08:59:00Z')), 'UTC')).toBe('2025-05-05T09:00:00Z');
    expect(local(nextFireAfter(nine, ms('2025-05-05T09:00:00Z')), 'UTC')).toBe('2025-05-06T09:00:00Z');
  });

  it('fires once on the Berlin spring-forward day, at the end of the gap, and once on fall-back', () => {
    const twoThirty = schedule('daily', '02:30', 'Europe/Berlin');
    expect(fires(twoThirty, '2025-03-29T12:00', 3, 'Europe/Berlin')).toEqual([
      '2025-03-30T03:00:00+02:00',
      '2025-03-31T02:30:00+02:00',
      '2025-04-01T02:30:00+02:00',
    ]);
    expect(fires(twoThirty, '2025-10-25T12:00', 3, 'Europe/Berlin')).toEqual([
      '2025-10-26T02:30:00+02:00',
      '2025-10-27T02:30:00+01:00',
      '2025-10-28T02:30:00+01:00',
    ]);
  });

  it('fires once across the New York transitions', () => {
    expect(
      fires(schedule('daily', '02:30', 'America/New_York'), '2025-03-08T12:00', 2, 'America/New_York'),
    ).toEqual(['2025-03-09T03:00:00-04:00', '2025-03-10T02:30:00-04:00']);
    // 01:30 happens twice on 2 November 2025; the schedule fires at the first one only.
    const oneThirty = schedule('daily', '01:30', 'America/New_York');
    expect(fires(oneThirty, '2025-11-01T12:00', 3, 'America/New_York')).toEqual([
      '2025-11-02T01:30:00-04:00',
      '2025-11-03T01:30:00-05:00',
      '2025-11-04T01:30:00-05:00',
    ]);
  });

  it('fires on the named weekday in its timezone', () => {
    const mondayNine = schedule('weekly', 'monday 09:00', 'Europe/Berlin');
    expect(fires(mondayNine, '2025-01-01T00:00', 2, 'Europe/Berlin')).toEqual([
      '2025-01-06T09:00:00+01:00',
      '2025-01-13T09:00:00+01:00',
    ]);
    const sundayNine = schedule('weekly', 'sun 09:00', 'America/New_York');
    expect(fires(sundayNine, '2025-01-05T09:00', 1, 'America/New_York')).toEqual([
      '2025-01-12T09:00:00-05:00',
    ]);
  });

  it('fires a weekly time that falls into the gap once, when the clock jumps', () => {
    // 30 March 2025 is the Sunday Berlin skips 02:00-03:00.
    const sundayTwoThirty = schedule('weekly', 'sun 02:30', 'Europe/Berlin');
    expect(fires(sundayTwoThirty, '2025-03-24T00:00', 2, 'Europe/Berlin')).toEqual([
      '2025-03-30T03:00:00+02:00',
      '2025-04-06T02:30:00+02:00',
    ]);
  });
});

describe('nextFireAfter: monthly', () => {
  it('fires on the day of the month in its timezone', () => {
    const fifteenth = schedule('monthly', '15 09:00', 'Europe/Berlin');
    expect(fires(fifteenth, '2025-03-15T09:00', 2, 'Europe/Berlin')).toEqual([
      '2025-04-15T09:00:00+02:00',
      '2025-05-15T09:00:00+02:00',
    ]);
  });

  it('fires the 31st on the last day of shorter months, February included', () => {
    expect(fires(schedule('monthly', '31 09:00'), '2025-01-15T00:00', 5, 'UTC')).toEqual([
      '2025-01-31T09:00:00Z',
      '2025-02-28T09:00:00Z',
      '2025-03-31T09:00:00Z',
      '2025-04-30T09:00:00Z',
      '2025-05-31T09:00:00Z',
    ]);
    expect(fires(schedule('monthly', '31 09:00'), '2024-02-01T00:00', 1, 'UTC')).toEqual([
      '2024-02-29T09:00:00Z',
    ]);
  });

  it('fires the 30th on the 30th, not also on the 31st of long months', () => {
    expect(fires(schedule('monthly', '30 09:00'), '2025-01-15T00:00', 4, 'UTC')).toEqual([
      '2025-01-30T09:00:00Z',
      '2025-02-28T09:00:00Z',
      '2025-03-30T09:00:00Z',
      '2025-04-30T09:00:00Z',
    ]);
  });

  it('fires the 29th on 29 February in leap years and on the 28th otherwise', () => {
    expect(fires(schedule('monthly', '29 09:00'), '2024-02-01T00:00', 2, 'UTC')).toEqual([
      '2024-02-29T09:00:00Z',
      '2024-03-29T09:00:00Z',
    ]);
    expect(fires(schedule('monthly', '29 09:00'), '2025-02-01T00:00', 2, 'UTC')).toEqual([
      '2025-02-28T09:00:00Z',
      '2025-03-29T09:00:00Z',
    ]);
  });

  it('uses the local day, not the UTC day, to find the end of the month', () => {
    // 23:30 on 30 April in New York is already 1 May in UTC.
    expect(
      fires(schedule('monthly', '31 23:30', 'America/New_York'), '2025-04-01T00:00', 2, 'America/New_York'),
    ).toEqual(['2025-04-30T23:30:00-04:00', '2025-05-31T23:30:00-04:00']);
  });

  it('handles DST in a monthly schedule', () => {
    const thirtiethTwoThirty = schedule('monthly', '30 02:30', 'Europe/Berlin');
    expect(fires(thirtiethTwoThirty, '2025-03-01T00:00', 2, 'Europe/Berlin')).toEqual([
      '2025-03-30T03:00:00+02:00',
      '2025-04-30T02:30:00+02:00',
    ]);
  });
});
