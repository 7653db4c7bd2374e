import { describe, expect, it } from 'vitest';
import { isValidTimeZone, parseLooseDate } from './dates.js';

const iso = (input: string | number, zone?: string) => parseLooseDate(input, zone)?.toUTC().toISO() ?? null;

describe('parseLooseDate', () => {
  it.each([
    ['2024-03-10', '2024-03-10T00:00:00.000Z'],
    ['2024-03-10T10:00:00Z', '2024-03-10T10:00:00.000Z'],
    ['2024-03-10T10:00:00.123456Z', '2024-03-10T10:00:00.123Z'],
    ['2024-03-10T12:00:00+02:00', '2024-03-10T10:00:00.000Z'],
    ['2024-03-10 10:00:00', '2024-03-10T10:00:00.000Z'],
    ['2024-03-10 10:00', '2024-03-10T10:00:00.000Z'],
    ['Sun, 10 Mar 2024 10:00:00 +0000', '2024-03-10T10:00:00.000Z'],
    ['Sun, 10 Mar 2024 10:00:00 GMT', '2024-03-10T10:00:00.000Z'],
    ['1710064800', '2024-03-10T10:00:00.000Z'],
    ['1710064800000', '2024-03-10T10:00:00.000Z'],
    [' 2024-03-10 ', '2024-03-10T00:00:00.000Z'],
  ])('parses %j', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  it('reads epoch numbers as seconds below 1e11 and as milliseconds above', () => {
    expect(iso(1710064800)).toBe('2024-03-10T10:00:00.000Z');
    expect(iso(1710064800123)).toBe('2024-03-10T10:00:00.123Z');
  });

  it('reads texts without an offset in the given zone, and keeps explicit offsets', () => {
    expect(iso('2024-03-10 10:00:00', 'Europe/Rome')).toBe('2024-03-10T09:00:00.000Z');
    expect(iso('2024-03-10T10:00:00Z', 'Europe/Rome')).toBe('2024-03-10T10:00:00.000Z');
  });

  it.each(['', 'not a date', '2024-13-45', '10/03/2024', 'NaN'])('returns null for %j', (input) => {
    expect(parseLooseDate(input)).toBeNull();
  });

  it('knows valid time zones', () => {
    expect(isValidTimeZone('Europe/Rome')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
