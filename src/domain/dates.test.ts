import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, parseDate, readDate } from './dates.js';

const NOW = Date.UTC(2025, 9, 31, 12, 0, 0); // Friday 31 October 2025, 12:00 UTC
const iso = (value: unknown, zone?: string) =>
  parseDate(value, { now: NOW, ...(zone ? { zone } : {}) })?.toISO() ?? null;
const utc = (value: unknown, zone?: string) =>
  parseDate(value, { now: NOW, ...(zone ? { zone } : {}) })
    ?.toUTC()
    .toISO() ?? null;

describe('parseDate', () => {
  it.each([
    ['2024-03-10', '2024-03-10T00:00:00.000Z'],
    ['2024-03-10T10:00:00Z', '2024-03-10T10:00:00.000Z'],
    ['2024-03-10T10:00:00.123456Z', '2024-03-10T10:00:00.123Z'],
    ['2024-03-10T12:00:00+02:00', '2024-03-10T10:00:00.000Z'],
    ['2024-03-10 10:00:00', '2024-03-10T10:00:00.000Z'],
    ['2024-03-10 10:00', '2024-03-10T10:00:00.000Z'],
    ['Sun, 10 Mar 2024 10:00:00 +0000', '2024-03-10T10:00:00.000Z'],
    ['Sun, 10 Mar 2024 10:00:00 GMT', '2024-03-10T10:00:00.000Z'],
    ['Friday, 31-Oct-25 12:00:00 GMT', '2025-10-31T12:00:00.000Z'],
    ['1710064800', '2024-03-10T10:00:00.000Z'],
    ['1710064800000', '2024-03-10T10:00:00.000Z'],
    ['1761912000.5', '2025-10-31T12:00:00.500Z'],
    [' 2024-03-10 ', '2024-03-10T00:00:00.000Z'],
    ['20251031', '2025-10-31T00:00:00.000Z'],
    ['2025/10/31', '2025-10-31T00:00:00.000Z'],
    ['02/03/2025', '2025-02-03T00:00:00.000Z'], // slashes: month/day, as in PHP
    ['10/03/2024', '2024-10-03T00:00:00.000Z'],
    ['02-03-2025', '2025-03-02T00:00:00.000Z'], // dashes: day-month
    ['02.03.2025 9:30', '2025-03-02T09:30:00.000Z'],
    ['Oct 31, 2025 2:30 PM', '2025-10-31T14:30:00.000Z'],
    ['31 october 2025', '2025-10-31T00:00:00.000Z'],
  ])('parses %j', (input, expected) => {
    expect(utc(input)).toBe(expected);
  });

  it('reads epoch numbers as seconds below 1e11 and as milliseconds from there', () => {
    expect(iso(1710064800)).toBe('2024-03-10T10:00:00.000Z');
    expect(iso(1710064800123)).toBe('2024-03-10T10:00:00.123Z');
    expect(iso(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(readDate(1710064800)?.kind).toBe('epoch');
  });

  it('reads Date and DateTime values', () => {
    expect(iso(new Date(NOW))).toBe('2025-10-31T12:00:00.000Z');
    expect(iso(DateTime.fromMillis(NOW), 'Europe/Paris')).toBe('2025-10-31T13:00:00.000+01:00');
  });

  it('reads keywords and relative offsets against the clock', () => {
    expect(iso('now')).toBe('2025-10-31T12:00:00.000Z');
    expect(iso(' Today ')).toBe('2025-10-31T00:00:00.000Z');
    expect(iso('yesterday')).toBe('2025-10-30T00:00:00.000Z');
    expect(iso('tomorrow')).toBe('2025-11-01T00:00:00.000Z');
    expect(iso('+2 days')).toBe('2025-11-02T12:00:00.000Z');
    expect(iso('+3 days')).toBe('2025-11-03T12:00:00.000Z');
    expect(iso('-1 hour')).toBe('2025-10-31T11:00:00.000Z');
    expect(iso('-2 hours')).toBe('2025-10-31T10:00:00.000Z');
    expect(iso('3 weeks ago')).toBe('2025-10-10T12:00:00.000Z');
    expect(iso('today', 'Asia/Tokyo')).toBe('2025-10-31T00:00:00.000+09:00');
    expect(readDate('tomorrow', { now: NOW })?.kind).toBe('relative');
  });

  it('reads texts without an offset in the given zone, keeps explicit offsets, answers in the zone', () => {
    expect(utc('2024-03-10 10:00:00', 'Europe/Rome')).toBe('2024-03-10T09:00:00.000Z');
    expect(utc('2024-03-10T10:00:00Z', 'Europe/Rome')).toBe('2024-03-10T10:00:00.000Z');
    expect(iso('2025-10-31 12:00:00', 'Europe/Paris')).toBe('2025-10-31T12:00:00.000+01:00');
    expect(iso('2025-10-31T12:00:00Z', 'Europe/Paris')).toBe('2025-10-31T13:00:00.000+01:00');
  });

  it('returns null for what is not a date', () => {
    for (const v of ['', 'soon', 'not a date', 'abc 12', '2024-13-45', '2025-02-30', 'NaN', Number.NaN]) {
      expect([v, iso(v)]).toEqual([v, null]);
    }
    for (const v of [null, undefined, true, {}, []]) expect([v, iso(v)]).toEqual([v, null]);
    expect(iso('now', 'Not/AZone')).toBeNull();
  });

  it('knows valid time zones', () => {
    expect(isValidTimeZone('Europe/Rome')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
