import { describe, expect, it } from 'vitest';
import { describeSchedule, parseSchedule } from './index.js';

function described(type: string, value: string, timezone?: string): string {
  const result = parseSchedule(type, value, timezone);
  if (!result.ok || result.schedule === null) throw new Error(`bad test schedule ${type} ${value}`);
  return describeSchedule(result.schedule);
}

describe('describeSchedule', () => {
  it.each([
    ['5 minutes', 'every 5 minutes'],
    ['1 min', 'every minute'],
    ['30 seconds', 'every 30 seconds'],
    ['1 hour', 'every hour'],
    ['2 hrs', 'every 2 hours'],
    ['90 minutes', 'every 90 minutes'],
    ['36 h', 'every 36 hours'],
    ['1 day', 'every day'],
    ['120 seconds', 'every 2 minutes'],
    ['48 hours', 'every 2 days'],
  ])('describes the interval %j as %j', (value, text) => {
    expect(described('interval', value)).toBe(text);
  });

  it('describes calendar schedules with their timezone', () => {
    expect(described('weekly', 'mon 09:00', 'Europe/Berlin')).toBe('at 09:00 on Mondays (Europe/Berlin)');
    expect(described('weekly', 'sunday 7:05')).toBe('at 07:05 on Sundays (UTC)');
    expect(described('daily', '7:05')).toBe('at 07:05 every day (UTC)');
    expect(described('monthly', '15 09:00', 'America/New_York')).toBe(
      'at 09:00 on the 15th of every month (America/New_York)',
    );
  });

  it.each([
    ['1', '1st'],
    ['2', '2nd'],
    ['3', '3rd'],
    ['4', '4th'],
    ['11', '11th'],
    ['12', '12th'],
    ['13', '13th'],
    ['21', '21st'],
    ['22', '22nd'],
    ['23', '23rd'],
  ])('writes day %s of the month as %s', (day, text) => {
    expect(described('monthly', `${day} 00:00`)).toBe(`at 00:00 on the ${text} of every month (UTC)`);
  });

  it('says when a late day moves to the end of shorter months', () => {
    expect(described('monthly', '31 18:00')).toBe(
      'at 18:00 on the 31st of every month, or the last day of shorter months (UTC)',
    );
  });

  it('quotes a cron expression', () => {
    expect(described('cron', '0 9 * * 1', 'Europe/Berlin')).toBe('on cron "0 9 * * 1" (Europe/Berlin)');
  });
});
