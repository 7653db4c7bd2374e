import { DateTime, type DurationLikeObject } from 'luxon';

/**
 * Loose date parsing for `carbon_date`, `carbon_condition` and the date condition nodes, in the spirit of
 * PHP's `Carbon::parse`. Accepted, in order:
 *
 * - a luxon `DateTime` or a JS `Date`;
 * - a number: epoch seconds, or epoch milliseconds when its magnitude is 1e11 or more (1e11 s is the
 *   year 5138, 1e11 ms is March 1973); numeric strings likewise, except 8 digits, read as `YYYYMMDD`;
 * - `now`, `today`, `yesterday`, `tomorrow`, and relative offsets: `+3 days`, `-2 hours`, `5 weeks ago`;
 * - ISO-8601 (`2025-10-31T12:00:00.000000Z`), SQL (`2025-10-31 12:00:00`), RFC 2822 and HTTP dates;
 * - common written forms: `2025/10/31`, `10/31/2025`, `31-10-2025`, `31.10.2025`, `31 Oct 2025`,
 *   `October 31, 2025`, each optionally followed by a time (`14:30`, `14:30:15`, `2:30 pm`). As in PHP,
 *   slashes mean month/day/year and dashes or dots mean day-month-year.
 *
 * Strings without an offset are read in `zone` (default UTC); the result is expressed in `zone`.
 * Returns null for anything else, including an invalid `zone`.
 */
export function parseDateLoose(value: unknown, zone = 'UTC', now: () => number = Date.now): DateTime | null {
  const dt = parse(value, zone, now);
  return dt?.isValid ? dt.setZone(zone) : null;
}

/** Below this magnitude a numeric timestamp is read as seconds, at or above it as milliseconds. */
const MILLISECONDS_FROM = 1e11;

function parse(value: unknown, zone: string, now: () => number): DateTime | null {
  if (DateTime.isDateTime(value)) return value;
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone });
  if (typeof value === 'number') return fromEpoch(value, zone);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    return text.length === 8
      ? DateTime.fromFormat(text, 'yyyyMMdd', { zone })
      : fromEpoch(Number(text), zone);
  }
  return relative(text, zone, now) ?? absolute(text, zone);
}

function fromEpoch(n: number, zone: string): DateTime | null {
  if (!Number.isFinite(n)) return null;
  return DateTime.fromMillis(Math.abs(n) < MILLISECONDS_FROM ? n * 1000 : n, { zone });
}

const RELATIVE = /^([+-]?\d+)\s*(second|minute|hour|day|week|month|year)s?(\s+ago)?$/i;

function relative(text: string, zone: string, now: () => number): DateTime | null {
  const lower = text.toLowerCase();
  const current = DateTime.fromMillis(now(), { zone });
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
  (text: string, o: Options) => DateTime.fromISO(text, o),
  (text: string, o: Options) => DateTime.fromSQL(text, o),
  (text: string, o: Options) => DateTime.fromRFC2822(text, o),
  (text: string, o: Options) => DateTime.fromHTTP(text, o),
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

// Compiled once: building a format parser costs far more than running it.
const LOOSE_PARSERS = DATE_FORMATS.flatMap((date) =>
  TIME_FORMATS.map((time) => DateTime.buildFormatParser(date + time, { locale: 'en-US' })),
);

function absolute(text: string, zone: string): DateTime | null {
  const options: Options = { zone, setZone: true, locale: 'en-US' };
  for (const parser of STRICT_PARSERS) {
    const dt = parser(text, options);
    if (dt.isValid) return dt;
  }
  // Written forms contain no letters other than month names and am/pm, and always a digit.
  if (!/\d/.test(text) || text.length > 40) return null;
  for (const parser of LOOSE_PARSERS) {
    const dt = DateTime.fromFormatParser(text, parser, options);
    if (dt.isValid) return dt;
  }
  return null;
}
