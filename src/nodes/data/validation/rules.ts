import { isIPv4, isIPv6 } from 'node:net';
import { parseDate, readDate } from '../../../domain/dates.js';
import { MAX_REGEX_INPUT } from '../../conditions/string-ops.js';
import { lookup } from '../paths.js';
import { compilePhpRegex } from './rule-parser.js';

/** What a rule sees besides the value: the data being validated (for rules naming other fields). */
export interface RuleContext {
  data: unknown;
  attribute: string;
  /** The attribute also has `numeric` or `integer`: sizes are then the number itself. */
  numeric: boolean;
  /** The attribute also has `array`. */
  arrayRule: boolean;
  now: number;
}

export interface RuleDefinition {
  check(value: unknown, params: string[], ctx: RuleContext): boolean;
  /** Runs even when the value is missing or empty (the `required*` family). */
  implicit?: boolean;
  /** How many parameters the rule takes: [least, most]. */
  params?: [number, number];
  /** Save-time check of the parameters; returns a problem or null. */
  checkParams?(params: string[]): string | null;
}

// ---- value helpers, PHP semantics ----------------------------------------------------------------

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** PHP's is_numeric: numbers, and strings such as "12", " 1.5", "-3e2", ".5". */
export function isNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value);
}

/** PHP's (string) cast for scalars: true → "1", false and null → "". */
export function phpString(value: unknown): string {
  if (value === true) return '1';
  if (value === false || value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Laravel's validateRequired: null, blank text and empty arrays are missing. */
export function isFilled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** Laravel's getSize: the number (with a numeric rule), the item count, or the length in characters. */
export function sizeOf(value: unknown, numeric: boolean): number {
  if (numeric && isNumeric(value)) return Number(value);
  if (Array.isArray(value)) return value.length;
  if (isPlainObject(value)) return Object.keys(value).length;
  return [...phpString(value)].length;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && a !== null && typeof b === 'object' && b !== null
    ? JSON.stringify(a) === JSON.stringify(b)
    : false;
}

const other = (ctx: RuleContext, field: string) => lookup(ctx.data, field);

/** A date parameter: another field's value when the data has that field, else a date or phrase. */
function dateParam(param: string, ctx: RuleContext): number | null {
  const field = other(ctx, param);
  const source = field.found ? field.value : param;
  return parseDate(source, { now: ctx.now })?.toMillis() ?? null;
}

function compareDates(value: unknown, param: string, ctx: RuleContext, after: boolean): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  const date = parseDate(value, { now: ctx.now })?.toMillis();
  const limit = dateParam(param, ctx);
  if (date === undefined || limit === null) return false;
  return after ? date > limit : date < limit;
}

const number = (param: string | undefined) => Number(param);
const numericParams = (params: string[]) =>
  params.every((p) => isNumeric(p)) ? null : `expects numbers, got "${params.join(',')}"`;
const integerParams = (params: string[]) =>
  params.every((p) => /^\d+$/.test(p)) ? null : `expects whole numbers, got "${params.join(',')}"`;

const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const UUID = /^[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{12}$/;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+[^\s]*$/i;

function isUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !URL_SCHEME.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

const text = (value: unknown): value is string | number => typeof value === 'string' || isNumeric(value);

function matchesPattern(value: unknown, params: string[]): boolean | null {
  if (!text(value)) return null;
  return compilePhpRegex(params[0] ?? '').test(String(value).slice(0, MAX_REGEX_INPUT));
}

function regexParams(params: string[]): string | null {
  try {
    compilePhpRegex(params[0] ?? '');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The values of `required_if:other,a,b` compared the way Laravel does (booleans as true/false). */
function requiredIfApplies(params: string[], ctx: RuleContext): boolean {
  const [field = '', ...values] = params;
  const found = other(ctx, field);
  if (!found.found) return false;
  const value = found.value;
  if (typeof value === 'boolean') return values.some((v) => (v === 'true' || v === '1') === value);
  if (value === null) return values.some((v) => v === 'null' || v === '');
  return values.includes(phpString(value));
}

export const RULES: Record<string, RuleDefinition> = {
  // Markers: handled by the validator itself.
  nullable: { check: () => true, params: [0, 0] },
  sometimes: { check: () => true, params: [0, 0] },
  bail: { check: () => true, params: [0, 0] },

  required: { implicit: true, params: [0, 0], check: (value) => isFilled(value) },
  required_if: {
    implicit: true,
    params: [2, 100],
    check: (value, params, ctx) => !requiredIfApplies(params, ctx) || isFilled(value),
  },
  required_with: {
    implicit: true,
    params: [1, 100],
    check: (value, params, ctx) =>
      !params.some((field) => isFilled(other(ctx, field).value)) || isFilled(value),
  },

  string: { params: [0, 0], check: (value) => typeof value === 'string' },
  integer: {
    params: [0, 0],
    check: (value) =>
      typeof value === 'number'
        ? Number.isInteger(value)
        : typeof value === 'string' && /^\s*[+-]?(0|[1-9]\d*)\s*$/.test(value),
  },
  numeric: { params: [0, 0], check: (value) => isNumeric(value) },
  boolean: { params: [0, 0], check: (value) => [true, false, 0, 1, '0', '1'].includes(value as never) },
  array: {
    params: [0, 100],
    check: (value, params) =>
      Array.isArray(value) ||
      (isPlainObject(value) &&
        (params.length === 0 || Object.keys(value).every((key) => params.includes(key)))),
  },
  email: {
    params: [0, 10],
    check: (value) => typeof value === 'string' && EMAIL.test(value) && value.length <= 254,
  },
  url: { params: [0, 100], check: isUrl },
  uuid: { params: [0, 1], check: (value) => typeof value === 'string' && UUID.test(value) },
  ip: {
    params: [0, 0],
    check: (value) => typeof value === 'string' && (isIPv4(value) || isStrictIPv6(value)),
  },
  ipv4: { params: [0, 0], check: (value) => typeof value === 'string' && isIPv4(value) },
  ipv6: { params: [0, 0], check: (value) => typeof value === 'string' && isStrictIPv6(value) },

  min: {
    params: [1, 1],
    checkParams: numericParams,
    check: (v, p, ctx) => sizeOf(v, ctx.numeric) >= number(p[0]),
  },
  max: {
    params: [1, 1],
    checkParams: numericParams,
    check: (v, p, ctx) => sizeOf(v, ctx.numeric) <= number(p[0]),
  },
  size: {
    params: [1, 1],
    checkParams: numericParams,
    check: (v, p, ctx) => sizeOf(v, ctx.numeric) === number(p[0]),
  },
  between: {
    params: [2, 2],
    checkParams: numericParams,
    check: (v, p, ctx) => {
      const size = sizeOf(v, ctx.numeric);
      return size >= number(p[0]) && size <= number(p[1]);
    },
  },

  in: {
    params: [1, 1000],
    check: (value, params, ctx) =>
      Array.isArray(value)
        ? ctx.arrayRule && value.every((item) => params.includes(phpString(item)))
        : !isPlainObject(value) && params.includes(phpString(value)),
  },
  not_in: {
    params: [1, 1000],
    check: (value, params, ctx) =>
      Array.isArray(value)
        ? ctx.arrayRule && !value.some((item) => params.includes(phpString(item)))
        : !params.includes(phpString(value)),
  },
  regex: {
    params: [1, 1],
    checkParams: regexParams,
    check: (value, params) => matchesPattern(value, params) === true,
  },
  not_regex: {
    params: [1, 1],
    checkParams: regexParams,
    check: (value, params) => matchesPattern(value, params) === false,
  },

  date: {
    params: [0, 0],
    check: (value) => {
      if (typeof value !== 'string') return false;
      const kind = readDate(value)?.kind;
      return kind === 'text' || kind === 'date';
    },
  },
  before: { params: [1, 1], check: (value, params, ctx) => compareDates(value, params[0] ?? '', ctx, false) },
  after: { params: [1, 1], check: (value, params, ctx) => compareDates(value, params[0] ?? '', ctx, true) },

  alpha: { params: [0, 1], check: (value) => typeof value === 'string' && /^[\p{L}\p{M}]+$/u.test(value) },
  alpha_num: { params: [0, 1], check: (value) => text(value) && /^[\p{L}\p{M}\p{N}]+$/u.test(String(value)) },
  alpha_dash: {
    params: [0, 1],
    check: (value) => text(value) && /^[\p{L}\p{M}\p{N}_-]+$/u.test(String(value)),
  },
  starts_with: {
    params: [1, 100],
    check: (value, params) => params.some((prefix) => prefix !== '' && phpString(value).startsWith(prefix)),
  },
  ends_with: {
    params: [1, 100],
    check: (value, params) => params.some((suffix) => suffix !== '' && phpString(value).endsWith(suffix)),
  },

  confirmed: {
    params: [0, 0],
    check: (value, _params, ctx) => same(value, other(ctx, `${ctx.attribute}_confirmation`).value),
  },
  same: { params: [1, 1], check: (value, params, ctx) => same(value, other(ctx, params[0] ?? '').value) },
  different: {
    params: [1, 100],
    check: (value, params, ctx) =>
      params.every((field) => {
        const found = other(ctx, field);
        return !found.found || !same(value, found.value);
      }),
  },

  digits: {
    params: [1, 1],
    checkParams: integerParams,
    check: (value, params) =>
      isNumeric(value) && /^\d+$/.test(phpString(value)) && phpString(value).length === number(params[0]),
  },
  digits_between: {
    params: [2, 2],
    checkParams: integerParams,
    check: (value, params) => {
      const digits = phpString(value);
      return (
        isNumeric(value) &&
        /^\d+$/.test(digits) &&
        digits.length >= number(params[0]) &&
        digits.length <= number(params[1])
      );
    },
  },
};

/** IPv6 as PHP's filter_var accepts it: no zone index (`%eth0`). */
function isStrictIPv6(value: string): boolean {
  return !value.includes('%') && isIPv6(value);
}

/** Every rule name the validate node understands, for the docs. */
export const RULE_NAMES = Object.keys(RULES).sort();
