import { DateTime } from 'luxon';

/**
 * Loose date parsing for conditions. Accepted, in this order:
 * - numbers and numeric strings as Unix epochs: below 1e11 (before year 5138 in seconds) they are seconds,
 *   otherwise milliseconds — so `20240115` is an epoch, not a compact ISO date;
 * - ISO-8601 (`2024-03-10`, `2024-03-10T10:00:00.123456Z`, with or without offset);
 * - SQL style `YYYY-MM-DD HH:mm[:ss[.SSS]]` (optionally with an offset);
 * - RFC 2822 (`Sun, 10 Mar 2024 10:00:00 +0000`) and HTTP dates.
 * A text without an offset is read in `zone` (IANA name or `UTC`). Returns null when nothing fits.
 */
export function parseLooseDate(input: string | number, zone = 'UTC'): DateTime | null {
  if (typeof input === 'number') return fromEpoch(input, zone);
  const text = input.trim();
  if (text === '') return null;
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text), zone);
  const options = { zone, setZone: true };
  const parsers = [DateTime.fromISO, DateTime.fromSQL, DateTime.fromRFC2822, DateTime.fromHTTP];
  for (const parse of parsers) {
    const parsed = parse(text, options);
    if (parsed.isValid) return parsed;
  }
  return null;
}

const SECONDS_BELOW = 1e11;

function fromEpoch(epoch: number, zone: string): DateTime | null {
  if (!Number.isFinite(epoch)) return null;
  const ms = Math.abs(epoch) < SECONDS_BELOW ? epoch * 1000 : epoch;
  const parsed = DateTime.fromMillis(ms, { zone });
  return parsed.isValid ? parsed : null;
}

/** True for a time zone luxon understands: an IANA name (`Europe/Rome`), `UTC`, or a fixed `UTC+2`. */
export function isValidTimeZone(zone: string): boolean {
  return DateTime.fromMillis(0, { zone }).isValid;
}
