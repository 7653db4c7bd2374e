import type { DateTime, DurationLikeObject } from 'luxon';
import { luxon } from './luxon.js';

/**
 * The one loose date parser: date conditions, the `carbon_*` Liquid filters, `date_transform`, the
 * `validate` node's date rules and `array_filter` all read dates here, so a value means the same date
 * everywhere. In the spirit of PHP's `Carbon::parse`. Accepted, in this order:
 *
 * - a luxon `DateTime` or a JS `Date`;
 * - a number: epoch seconds, or epoch milliseconds when its magnitude is 1e11 or more (1e11 s is the
 *   year 5138, 1e11 ms is March 1973); numeric strings likewise, except exactly 8 digits, read as
 *   `YYYYMMDD` (`20240115` is 15 January 2024, as in PHP);
 * - relative phrases against the clock: `now`, `today`, `yesterday`, `tomorrow` (midnight), and offsets
 *   `+3 days`, `-2 hours`, `5 weeks ago` (seconds, minutes, hours, days, weeks, months, years);
 * - ISO 8601 (`2025-10-31`, `2025-10-31T12:00:00.000000Z`, with or without offset), SQL
 *   (`2025-10-31 12:00:00`), RFC 2822 (`Fri, 31 Oct 2025 12:00:00 +0000`) and HTTP dates;
 * - common written forms: `2025/10/31`, `10/31/2025`, `31-10-2025`, `31.10.2025`, `31 Oct 2025`,
 *   `October 31, 2025`, each optionally followed by a time (`14:30`, `14:30:15`, `2:30 pm`). As in PHP,
 *   slashes mean month/day/year and dashes or dots mean day-month-year.
 *
 * Text without an offset is read in `zone` (default UTC); the result is expressed in `zone`. Anything
 * else (including an invalid `zone`, or an impossible date such as `2025-02-30`) is null.
 */
export function parseDate(value: unknown, options: DateParseOptions = {}): DateTime | null {
  return readDate(value, options)?.date ?? null;
}

export interface DateParseOptions {
  /** IANA zone for offset-less text and for the result (default `UTC`). */
  zone?: string;
  /** The present, in epoch milliseconds, for relative phrases (default: the system clock). */
  now?: number;
}

/** Which accepted form a value was read as (the `validate` node's `date` rule refuses relative ones). */
export type DateInputKind = 'date' | 'epoch' | 'relative' | 'text';

/** `parseDate` plus the kind of input it recognised. */
export function readDate(
  value: unknown,
  options: DateParseOptions = {},
): { date: DateTime; kind: DateInputKind } | null {
  const zone = options.zone ?? 'UTC';
  if (!isValidTimeZone(zone)) return null;
  const read = parse(value, zone, options.now ?? Date.now());
  return read?.date.isValid ? { date: read.date.setZone(zone), kind: read.kind } : null;
}

/** True for a time zone luxon understands: an IANA name (`Europe/Rome`), `UTC`, or a fixed `UTC+2`. */
export function isValidTimeZone(zone: string): boolean {
  return luxon().DateTime.fromMillis(0, { zone }).isValid;
}

/** Below this magnitude a numeric timestamp is read as seconds, at or above it as milliseconds. */
const MILLISECONDS_FROM = 1e11;

type Read = { date: DateTime; kind: DateInputKind } | null;

function parse(value: unknown, zone: string, now: number): Read {
  if (luxon().DateTime.isDateTime(value)) return { date: value, kind: 'date' };
  if (value instanceof Date) return { date: luxon().DateTime.fromJSDate(value, { zone }), kind: 'date' };
  if (typeof value === 'number') return fromEpoch(value, zone);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) {
    return /^\d{8}$/.test(text)
      ? { date: luxon().DateTime.fromFormat(text, 'yyyyMMdd', { zone }), kind: 'text' }
      : fromEpoch(Number(text), zone);
  }
  const relativeDate = relative(text, zone, now);
  if (relativeDate) return { date: relativeDate, kind: 'relative' };
  const absoluteDate = absolute(text, zone);
  return absoluteDate ? { date: absoluteDate, kind: 'text' } : null;
}

function fromEpoch(n: number, zone: string): Read {
  if (!Number.isFinite(n)) return null;
  const ms = Math.abs(n) < MILLISECONDS_FROM ? n * 1000 : n;
  return { date: luxon().DateTime.fromMillis(ms, { zone }), kind: 'epoch' };
}

const RELATIVE = /^([+-]?\d+)\s*(second|minute|hour|day|week|month|year)s?(\s+ago)?$/i;

function relative(text: string, zone: string, now: number): DateTime | null {
  const lower = text.toLowerCase();
  const current = luxon().DateTime.fromMillis(now, { zone });
  switch (lower) {
    case 'now':
      return current;
    case 'today':
      return current.startOf('day');
    case 'yesterday':
      return current.startOf('day').minus({ days: 1 });
    case 'tomorrow':
      return current.startOf('day').plus({ days: 1 });
  }
  const match = RELATIVE.exec(lower);
  if (!match) return null;
  const amount = Number(match[1]) * (match[3] ? -1 : 1);
  const unit = `${match[2]}s` as keyof DurationLikeObject;
  return current.plus({ [unit]: amount });
}

type Options = { zone: string; setZone: boolean; locale: string };
const STRICT_PARSERS = [
  (text: string, o: Options) => luxon().DateTime.fromISO(text, o),
  (text: string, o: Options) => luxon().DateTime.fromSQL(text, o),
  (text: string, o: Options) => luxon().DateTime.fromRFC2822(text, o),
  (text: string, o: Options) => luxon().DateTime.fromHTTP(text, o),
];

const DATE_FORMATS = [
  'yyyy/M/d',
  'M/d/yyyy',
  'd-M-yyyy',
  'd.M.yyyy',
  'd MMM yyyy',
  'd MMMM yyyy',
  'MMM d, yyyy',
  'MMMM d, yyyy',
  'MMM d yyyy',
  'MMMM d yyyy',
];
const TIME_FORMATS = ['', ' H:mm', ' H:mm:ss', ' h:mm a', ' h:mm:ss a', ' h a', ' ha'];

// Built on first use, then kept: building a format parser costs far more than running it.
let looseParsers: ReturnType<typeof DateTime.buildFormatParser>[] | undefined;

function absolute(text: string, zone: string): DateTime | null {
  const options: Options = { zone, setZone: true, locale: 'en-US' };
  for (const parser of STRICT_PARSERS) {
    const dt = parser(text, options);
    if (dt.isValid) return dt;
  }
  // Written forms contain no letters other than month names and am/pm, and always a digit.
  if (!/\d/.test(text) || text.length > 40) return null;
  looseParsers ??= DATE_FORMATS.flatMap((date) =>
    TIME_FORMATS.map((time) => luxon().DateTime.buildFormatParser(date + time, { locale: 'en-US' })),
  );
  for (const parser of looseParsers) {
    const dt = luxon().DateTime.fromFormatParser(text, parser, options);
    if (dt.isValid) return dt;
  }
  return null;
}
