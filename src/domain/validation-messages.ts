/**
 * Plain-English validation messages for zod's built-in checks, e.g. "must be at most 100" instead of
 * "Too big: expected number to be <=100". They read after a name: "The 'per_page' parameter must be at
 * most 100." or "method: must be one of …". A schema's own message always wins over these; an issue
 * these do not cover keeps zod's English message, and so does a missing value (`received undefined` is
 * how the API tells a missing parameter from a wrong one).
 */
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  date: 'a date',
  bigint: 'an integer',
};

const FORMAT_NAMES: Record<string, string> = {
  email: 'an email address',
  url: 'a URL',
  uuid: 'a UUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  cidrv4: 'an IPv4 range (CIDR)',
  cidrv6: 'an IPv6 range (CIDR)',
  datetime: 'an ISO 8601 date-time, e.g. 2026-12-03T10:00:00Z',
  date: 'a date as YYYY-MM-DD',
  time: 'a time as HH:MM[:SS]',
  duration: 'an ISO 8601 duration, e.g. PT5M',
  base64: 'base64 text',
  base64url: 'base64url text',
  jwt: 'a JWT',
};

const UNITS: Record<string, [string, string]> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
  set: ['item', 'items'],
  map: ['entry', 'entries'],
  file: ['byte', 'bytes'],
};

/** What a value is, for "not …": "a number", "null", "an array". */
function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'NaN';
  const type = typeof input;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** A short value quoted for the message, or '' when it is long or not a primitive. */
function shown(input: unknown): string {
  if (typeof input === 'string') return input.length <= 40 ? JSON.stringify(input) : '';
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  return '';
}

function oneOf(values: readonly unknown[]): string {
  const listed = values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v)));
  if (listed.length <= 2) return listed.join(' or ');
  return `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}`;
}

function bound(issue: Issue & { origin?: string }, limit: number | bigint, big: boolean): string {
  const units = UNITS[issue.origin ?? ''];
  const exact = (issue as { exact?: boolean }).exact;
  const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
  if (units) {
    const unit = Number(limit) === 1 ? units[0] : units[1];
    const verb = issue.origin === 'string' || issue.origin === 'file' ? 'be' : 'have';
    if (!big && Number(limit) === 1 && inclusive && !exact && issue.origin === 'string')
      return 'must not be empty';
    const amount = exact ? 'exactly' : big ? 'at most' : 'at least';
    return verb === 'be' ? `must be ${amount} ${limit} ${unit} long` : `must have ${amount} ${limit} ${unit}`;
  }
  if (exact) return `must be exactly ${limit}`;
  if (big) return inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
  return inclusive ? `must be at least ${limit}` : `must be greater than ${limit}`;
}

/** The message for one issue, or undefined to keep zod's own. */
export function plainValidationMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return undefined;
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const got = shown(issue.input);
      if (issue.expected === 'int' && typeof issue.input === 'number')
        return `must be ${expected}, not ${got}`;
      if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return `must be ${expected}`;
      return `must be ${expected}, not ${kindOf(issue.input)}${got ? ` (${got})` : ''}`;
    }
    case 'invalid_value': {
      const got = shown(issue.input);
      const wanted = issue.values.length === 1 ? oneOf(issue.values) : `one of ${oneOf(issue.values)}`;
      return `must be ${wanted}${got ? `, not ${got}` : ''}`;
    }
    case 'too_big':
      return bound(issue, issue.maximum, true);
    case 'too_small':
      return bound(issue, issue.minimum, false);
    case 'invalid_format': {
      const format = issue.format;
      if (format === 'regex')
        return `must match the pattern ${(issue as { pattern?: string }).pattern ?? ''}`;
      if (format === 'starts_with') return `must start with "${(issue as { prefix?: string }).prefix}"`;
      if (format === 'ends_with') return `must end with "${(issue as { suffix?: string }).suffix}"`;
      if (format === 'includes') return `must include "${(issue as { includes?: string }).includes}"`;
      return `must be ${FORMAT_NAMES[format] ?? `a valid ${format}`}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
}

/** Makes every zod schema in this process use the messages above. Idempotent. */
export function installPlainValidationMessages(): void {
  z.config({ customError: plainValidationMessage });
}
