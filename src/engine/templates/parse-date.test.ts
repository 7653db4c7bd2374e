import { describe, expect, it } from 'vitest';
import { parseDateLoose } from './parse-date.js';

const NOW = Date.UTC(2025, 9, 31, 12, 0, 0); // Friday 31 October 2025, 12:00 UTC
const iso = (value: unknown, zone?: string) => parseDateLoose(value, zone, () => NOW)?.toISO() ?? null;

describe('parseDateLoose', () => {
  it('reads epoch seconds and milliseconds', () => {
    expect(iso(1761912000)).toBe('2025-10-31T12:00:00.000Z');
    expect(iso(1761912000123)).toBe('2025-10-31T12:00:00.123Z');
    expect(iso('1761912000.5')).toBe('2025-10-31T12:00:00.500Z');
    expect(iso(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(iso(Number.NaN)).toBeNull();
  });

  it('reads 8 digits as YYYYMMDD', () => {
    expect(iso('20251031')).toBe('2025-10-31T00:00:00.000Z');
  });

  it('reads Date and DateTime values', () => {
    expect(iso(new Date(NOW))).toBe('2025-10-31T12:00:00.000Z');
    expect(iso(parseDateLoose(NOW), 'Europe/Paris')).toBe('2025-10-31T13:00:00.000+01:00');
  });

  it('reads keywords and relative offsets against the clock', () => {
    expect(iso('now')).toBe('2025-10-31T12:00:00.000Z');
    expect(iso(' Today ')).toBe('2025-10-31T00:00:00.000Z');
    expect(iso('yesterday')).toBe('2025-10-30T00:00:00.000Z');
    expect(iso('tomorrow')).toBe('2025-11-01T00:00:00.000Z');
    expect(iso('+2 days')).toBe('2025-11-02T12:00:00.000Z');
    expect(iso('-1 hour')).toBe('2025-10-31T11:00:00.000Z');
    expect(iso('3 weeks ago')).toBe('2025-10-10T12:00:00.000Z');
    expect(iso('today', 'Asia/Tokyo')).toBe('2025-10-31T00:00:00.000+09:00');
  });

  it('reads ISO, SQL, RFC 2822 and HTTP dates', () => {
    expect(iso('2025-10-31T12:00:00.000000Z')).toBe('2025-10-31T12:00:00.000Z');
    expect(iso('2025-10-31T14:00:00+02:00')).toBe('2025-10-31T12:00:00.000Z');
    expect(iso('2025-10-31')).toBe('2025-10-31T00:00:00.000Z');
    expect(iso('2025-10-31 12:00:00')).toBe('2025-10-31T12:00:00.000Z');
    expect(iso('Fri, 31 Oct 2025 14:00:00 +0200')).toBe('2025-10-31T12:00:00.000Z');
    expect(iso('Friday, 31-Oct-25 12:00:00 GMT')).toBe('2025-10-31T12:00:00.000Z');
  });

  it('reads common written forms, PHP-style for ambiguous numbers', () => {
    expect(iso('2025/10/31')).toBe('2025-10-31T00:00:00.000Z');
    expect(iso('02/03/2025')).toBe('2025-02-03T00:00:00.000Z'); // slashes: month/day
    expect(iso('02-03-2025')).toBe('2025-03-02T00:00:00.000Z'); // dashes: day-month
    expect(iso('02.03.2025 9:30')).toBe('2025-03-02T09:30:00.000Z');
    expect(iso('Oct 31, 2025 2:30 PM')).toBe('2025-10-31T14:30:00.000Z');
    expect(iso('31 october 2025')).toBe('2025-10-31T00:00:00.000Z');
  });

  it('interprets offset-less input in the given zone', () => {
    expect(iso('2025-10-31 12:00:00', 'Europe/Paris')).toBe('2025-10-31T12:00:00.000+01:00');
    expect(iso('2025-10-31T12:00:00Z', 'Europe/Paris')).toBe('2025-10-31T13:00:00.000+01:00');
  });

  it('returns null for what is not a date', () => {
    for (const v of ['', 'soon', 'abc 12', '2025-02-30', null, undefined, true, {}, []]) {
      expect([v, iso(v)]).toEqual([v, null]);
    }
    expect(iso('now', 'Not/AZone')).toBeNull();
  });
});
