import type { DateTime } from 'luxon';

/**
 * Formats a date with PHP/Carbon `format()` characters (https://www.php.net/manual/en/datetime.format.php).
 * Supported: d D j l N S w z W F m M n t L o Y y a A B g G h H i s u v e I O P p T Z c r U.
 * A backslash escapes the next character; any other character is copied as is. Names are English.
 */
export function formatCarbon(dt: DateTime, format: string): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '\\') {
      i++;
      out += format[i] ?? '';
      continue;
    }
    const token = TOKENS.get(ch);
    out += token ? token(dt) : ch;
  }
  return out;
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, width: number): string =>
  n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0');
const dayName = (d: DateTime): string => DAYS[d.weekday - 1]!;
const monthName = (d: DateTime): string => MONTHS[d.month - 1]!;
const hour12 = (d: DateTime): number => d.hour % 12 || 12;

function ordinalSuffix(day: number): string {
  if (day >= 11 && day <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

/** `+0200` (`O`), or `+02:00` with a colon (`P`). */
function offset(d: DateTime, colon: boolean): string {
  const minutes = Math.abs(d.offset);
  const sign = d.offset < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(minutes / 60), 2)}${colon ? ':' : ''}${pad(minutes % 60, 2)}`;
}

/** Swatch Internet time: beats of 86.4 s since midnight in UTC+1. */
function swatch(d: DateTime): string {
  const utc = d.toUTC();
  const seconds = (utc.hour * 3600 + utc.minute * 60 + utc.second + 3600) % 86_400;
  return pad(Math.floor(seconds / 86.4), 3);
}

/** PHP prints an abbreviation when one is known (EST, CEST, BST), otherwise the offset (`+04`). */
function abbreviation(d: DateTime): string {
  for (const locale of ['en-US', 'en-GB']) {
    const name = d.setLocale(locale).offsetNameShort;
    if (name && !/^GMT[+-]/.test(name)) return name;
  }
  const minutes = Math.abs(d.offset) % 60;
  return minutes === 0 ? offset(d, false).slice(0, 3) : offset(d, false);
}

const TOKENS = new Map<string, (d: DateTime) => string>([
  // Day
  ['d', (d) => pad(d.day, 2)],
  ['D', (d) => dayName(d).slice(0, 3)],
  ['j', (d) => String(d.day)],
  ['l', dayName],
  ['N', (d) => String(d.weekday)],
  ['S', (d) => ordinalSuffix(d.day)],
  ['w', (d) => String(d.weekday % 7)],
  ['z', (d) => String(d.ordinal - 1)],
  // Week
  ['W', (d) => pad(d.weekNumber, 2)],
  // Month
  ['F', monthName],
  ['m', (d) => pad(d.month, 2)],
  ['M', (d) => monthName(d).slice(0, 3)],
  ['n', (d) => String(d.month)],
  ['t', (d) => String(d.daysInMonth)],
  // Year
  ['L', (d) => (d.isInLeapYear ? '1' : '0')],
  ['o', (d) => String(d.weekYear)],
  ['Y', (d) => pad(d.year, 4)],
  ['y', (d) => pad(Math.abs(d.year) % 100, 2)],
  // Time
  ['a', (d) => (d.hour < 12 ? 'am' : 'pm')],
  ['A', (d) => (d.hour < 12 ? 'AM' : 'PM')],
  ['B', swatch],
  ['g', (d) => String(hour12(d))],
  ['G', (d) => String(d.hour)],
  ['h', (d) => pad(hour12(d), 2)],
  ['H', (d) => pad(d.hour, 2)],
  ['i', (d) => pad(d.minute, 2)],
  ['s', (d) => pad(d.second, 2)],
  ['u', (d) => pad(d.millisecond * 1000, 6)],
  ['v', (d) => pad(d.millisecond, 3)],
  // Time zone
  ['e', (d) => d.zoneName ?? 'UTC'],
  ['I', (d) => (d.isInDST ? '1' : '0')],
  ['O', (d) => offset(d, false)],
  ['P', (d) => offset(d, true)],
  ['p', (d) => (d.offset === 0 ? 'Z' : offset(d, true))],
  ['T', abbreviation],
  ['Z', (d) => String(d.offset * 60)],
  // Full date/time
  ['c', (d) => formatCarbon(d, 'Y-m-d\\TH:i:sP')],
  ['r', (d) => formatCarbon(d, 'D, d M Y H:i:s O')],
  ['U', (d) => String(Math.floor(d.toSeconds()))],
]);
