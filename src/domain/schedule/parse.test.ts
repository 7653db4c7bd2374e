import { describe, expect, it } from 'vitest';
import { parseSchedule, SCHEDULE_TYPES } from './index.js';

function failure(type: string, value: string | null, timezone?: string | null): string {
  const result = parseSchedule(type, value, timezone);
  if (result.ok) throw new Error(`expected ${type} ${JSON.stringify(value)} to be refused`);
  return result.message;
}

describe('parseSchedule: types, manual and timezones', () => {
  it('lists the six documented schedule types', () => {
    expect(SCHEDULE_TYPES).toEqual(['manual', 'interval', 'cron', 'daily', 'weekly', 'monthly']);
  });

  it.each([null, undefined, '', '5 minutes'])('manual has no schedule and ignores the value %j', (value) => {
    expect(parseSchedule('manual', value)).toEqual({ ok: true, schedule: null });
  });

  it('refuses an unknown type and names the valid ones', () => {
    expect(failure('hourly', '1')).toBe(
      'schedule_type "hourly" is not one of manual, interval, cron, daily, weekly, monthly',
    );
  });

  it.each([
    ['interval', '"5 minutes"'],
    ['cron', '"0 9 * * 1"'],
    ['daily', '"09:00"'],
    ['weekly', '"mon 09:00"'],
    ['monthly', '"15 09:00"'],
  ])('requires a value for %s and shows an example', (type, example) => {
    for (const value of [null, '', '   ']) {
      const message = failure(type, value);
      expect(message).toContain(`schedule_type is "${type}"`);
      expect(message).toContain(example);
    }
  });

  it.each([null, undefined, '', '  '])('defaults the timezone %j to UTC', (timezone) => {
    expect(parseSchedule('daily', '09:00', timezone)).toMatchObject({
      ok: true,
      schedule: { timezone: 'UTC' },
    });
  });

  it('stores the canonical spelling of a timezone', () => {
    expect(parseSchedule('daily', '09:00', ' europe/berlin ')).toMatchObject({
      schedule: { timezone: 'Europe/Berlin' },
    });
  });

  it.each(['Mars/Olympus_Mons', '+02:00', 'CEST'])('refuses the unknown timezone %s', (timezone) => {
    expect(failure('daily', '09:00', timezone)).toBe(
      `schedule_timezone "${timezone}" is not a known IANA time zone like "Europe/Berlin"`,
    );
  });

  it('checks the timezone for every type, manual included', () => {
    expect(failure('manual', null, 'Nowhere/Land')).toContain('"Nowhere/Land"');
    expect(failure('interval', '5 minutes', 'Nowhere/Land')).toContain('"Nowhere/Land"');
  });
});

describe('parseSchedule: interval', () => {
  it.each([
    ['5 minutes', 300_000],
    ['1 minute', 60_000],
    ['1 hour', 3_600_000],
    ['2 hours', 7_200_000],
    ['30 seconds', 30_000],
    ['1 second', 1_000],
    ['1 day', 86_400_000],
    ['3 days', 259_200_000],
    ['45s', 45_000],
    ['1 sec', 1_000],
    ['3 secs', 3_000],
    ['10 min', 600_000],
    ['5 mins', 300_000],
    ['2 h', 7_200_000],
    ['1 hr', 3_600_000],
    ['4 hrs', 14_400_000],
    ['7 d', 604_800_000],
    ['  10 MINUTES  ', 600_000],
    ['1 Hour', 3_600_000],
    ['365 days', 31_536_000_000],
  ])('reads %j as %d ms', (value, everyMs) => {
    expect(parseSchedule('interval', value)).toEqual({ ok: true, schedule: { type: 'interval', everyMs } });
  });

  it.each([
    '5 fortnights',
    '5',
    'minutes',
    'five minutes',
    '-5 minutes',
    '1.5 hours',
    '5 m',
    '1 week',
    '5 minutes ago',
  ])('refuses %j, quoting it and showing an example', (value) => {
    const message = failure('interval', value);
    expect(message).toContain(`schedule_value ${JSON.stringify(value)} is not an interval like "5 minutes"`);
    expect(message).toContain('seconds, minutes, hours or days');
  });

  it('refuses a zero amount', () => {
    expect(failure('interval', '0 seconds')).toContain('at least 1');
  });

  it('refuses intervals longer than a year', () => {
    expect(failure('interval', '366 days')).toContain('365 days');
    expect(failure('interval', '99999999999999999999 hours')).toContain('365 days');
  });
});

describe('parseSchedule: cron', () => {
  it.each([
    '0 9 * * *',
    '0 9 * * 1',
    '*/15 9-17 * * MON-FRI',
    '0 12 1 JAN,JUL *',
    '0 0 1-7 * sun',
    '5,35 */2 * * *',
    '@daily',
  ])('accepts %j and keeps the timezone', (expression) => {
    expect(parseSchedule('cron', expression, 'Europe/Berlin')).toEqual({
      ok: true,
      schedule: { type: 'cron', expression, timezone: 'Europe/Berlin' },
    });
  });

  it('normalises surrounding and repeated whitespace', () => {
    expect(parseSchedule('cron', '  0   9 * *  1 ')).toMatchObject({ schedule: { expression: '0 9 * * 1' } });
  });

  it.each(['0 0 9 * * *', '0 0 9 * * * 2030'])(
    'refuses the seconds field of %j with a clear message',
    (value) => {
      const message = failure('cron', value);
      expect(message).toContain(`schedule_value ${JSON.stringify(value)} is not a 5-field cron expression`);
      expect(message).toContain('seconds field is not supported');
      expect(message).toContain('"0 9 * * 1"');
    },
  );

  it.each([
    ['61 * * * *', 'minute'],
    ['0 24 * * *', 'hour'],
    ['* * *', 'it has 3 fields; use 5 fields'],
    ['0 9 * * 1 2030 x y', 'it has 8 fields'],
    ['@reboot', 'reboot'],
    ['0 9 * * FUNDAY', 'illegal'],
    ['hello world', ''],
    ['0 0 31 2 *', 'never fires'],
  ])('refuses %j', (value, reason) => {
    const message = failure('cron', value);
    expect(message).toContain(
      `schedule_value ${JSON.stringify(value)} is not a 5-field cron expression like`,
    );
    expect(message).toContain(reason);
    expect(message).not.toContain('CronPattern');
  });
});

describe('parseSchedule: daily, weekly, monthly', () => {
  it.each([
    ['09:00', 9, 0],
    ['9:05', 9, 5],
    ['00:00', 0, 0],
    [' 23:59 ', 23, 59],
  ])('daily %j', (value, hour, minute) => {
    expect(parseSchedule('daily', value, 'Europe/Berlin')).toEqual({
      ok: true,
      schedule: { type: 'daily', hour, minute, timezone: 'Europe/Berlin' },
    });
  });

  it.each(['24:00', '09:60', '9am', '0900', '09:00:00', '9:5', 'mon 09:00'])('daily refuses %j', (value) => {
    expect(failure('daily', value)).toBe(
      `schedule_value ${JSON.stringify(value)} is not a daily time like "09:00": the time must be HH:MM on a 24-hour clock`,
    );
  });

  it.each([
    ['mon 09:00', 1, 9, 0],
    ['Monday 09:00', 1, 9, 0],
    ['tues 10:00', 2, 10, 0],
    ['WED 12:00', 3, 12, 0],
    ['thu  7:15', 4, 7, 15],
    ['friday 17:30', 5, 17, 30],
    ['sat 08:00', 6, 8, 0],
    ['SUN 23:30', 7, 23, 30],
  ])('weekly %j', (value, weekday, hour, minute) => {
    expect(parseSchedule('weekly', value)).toEqual({
      ok: true,
      schedule: { type: 'weekly', weekday, hour, minute, timezone: 'UTC' },
    });
  });

  it.each(['09:00', 'mon', 'funday 09:00', 'mon 25:00', '1 09:00', 'mon09:00'])(
    'weekly refuses %j',
    (value) => {
      expect(failure('weekly', value)).toContain(
        `schedule_value ${JSON.stringify(value)} is not a weekly time like "mon 09:00"`,
      );
    },
  );

  it.each([
    ['15 09:00', 15, 9, 0],
    ['1 00:00', 1, 0, 0],
    ['31 23:59', 31, 23, 59],
    ['05 7:30', 5, 7, 30],
  ])('monthly %j', (value, dayOfMonth, hour, minute) => {
    expect(parseSchedule('monthly', value)).toEqual({
      ok: true,
      schedule: { type: 'monthly', dayOfMonth, hour, minute, timezone: 'UTC' },
    });
  });

  it.each(['0 09:00', '32 09:00', '15', '15th 09:00', '-1 09:00', '15 24:00'])(
    'monthly refuses %j',
    (value) => {
      expect(failure('monthly', value)).toContain(
        `schedule_value ${JSON.stringify(value)} is not a monthly time like "15 09:00"`,
      );
    },
  );
});
