import type { DateTime, DurationLikeObject } from 'luxon';
import { z } from 'zod';
import { formatCarbon } from '../../domain/carbon-format.js';
import { isValidTimeZone, parseDate } from '../../domain/dates.js';
import { StratoflowError } from '../../domain/errors.js';
import { quote } from '../conditions/coercions.js';
import { defineNode } from '../contract.js';

/** `parse` is `format` by another name: both read the date and output it. */
export const DATE_OPERATIONS = ['format', 'parse', 'add', 'subtract', 'start_of', 'end_of', 'diff'] as const;
export const DURATION_UNITS = ['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
export const PERIOD_UNITS = ['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export const DEFAULT_DATE_FORMAT = 'Y-m-d H:i:s';

const zone = z.preprocess(
  (value) => (value === '' || value === null ? undefined : value),
  z
    .string()
    .refine(isValidTimeZone, {
      error: 'Unknown time zone; use an IANA name such as "Europe/Rome", or "UTC".',
    })
    .optional(),
);

/** `seconds` and `second` both work: the unit names of add/subtract, diff and start_of/end_of differ by an s. */
const plural = (units: readonly string[]) =>
  z.preprocess(
    (unit) => {
      if (typeof unit !== 'string') return unit;
      const name = unit.trim().toLowerCase();
      return name.endsWith('s') ? name : `${name}s`;
    },
    z.enum(units as [string, ...string[]]),
  );
const singular = (units: readonly string[]) =>
  z.preprocess(
    (unit) => (typeof unit === 'string' ? unit.trim().toLowerCase().replace(/s$/, '') : unit),
    z.enum(units as [string, ...string[]]),
  );

const config = z
  .object({
    /** Any input the shared date parser accepts (ISO 8601, RFC 2822, epochs, `today`, `+3 days`...). */
    date: z.union([z.string(), z.number()], { error: 'Expected a date (text or epoch number).' }),
    operation: z.enum(DATE_OPERATIONS).default('format'),
    /** add/subtract: how many `unit`s (may be fractional for seconds to days). */
    amount: z.coerce.number({ error: 'Expected a number.' }).optional(),
    /** add/subtract and diff: seconds … years; start_of/end_of: minute … year. */
    unit: z.string().optional(),
    /** diff: the other date; the result is compare_to − date in `unit`. */
    compare_to: z.union([z.string(), z.number()]).optional(),
    /** PHP/Carbon format characters (as `carbon_date`), default `Y-m-d H:i:s`. */
    format: z.string().default(DEFAULT_DATE_FORMAT),
    /** Zone in which a date without an offset is read (default UTC). */
    input_timezone: zone,
    /** Zone of the result and of start_of/end_of (default: input_timezone). */
    timezone: zone,
  })
  .superRefine((c, ctx) => {
    const need = (field: 'amount' | 'unit' | 'compare_to') => {
      if (c[field] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `The operation "${c.operation}" needs \`${field}\`.`,
        });
    };
    const unitIn = (schema: z.ZodType) => {
      if (c.unit !== undefined && !schema.safeParse(c.unit).success) {
        ctx.addIssue({
          code: 'custom',
          path: ['unit'],
          message: `Unknown unit ${quote(c.unit)} for "${c.operation}".`,
        });
      }
    };
    if (c.operation === 'add' || c.operation === 'subtract') {
      need('amount');
      need('unit');
      unitIn(plural(DURATION_UNITS));
    } else if (c.operation === 'start_of' || c.operation === 'end_of') {
      need('unit');
      unitIn(singular(PERIOD_UNITS));
    } else if (c.operation === 'diff') {
      need('compare_to');
      unitIn(plural(DURATION_UNITS));
    }
  });

type Config = z.output<typeof config>;

function read(input: string | number, field: string, zone: string, now: number): DateTime {
  const parsed = parseDate(input, { zone, now });
  if (!parsed) {
    throw new StratoflowError(
      'node_failed',
      `Date transform: ${field} ${quote(input)} is not a date (use ISO 8601, RFC 2822, an epoch or a phrase such as "+3 days").`,
    );
  }
  return parsed;
}

function transform(date: DateTime, c: Config, zone: string, now: number): { date: DateTime; diff?: number } {
  switch (c.operation) {
    case 'format':
    case 'parse':
      return { date };
    case 'add':
    case 'subtract': {
      const unit = plural(DURATION_UNITS).parse(c.unit) as keyof DurationLikeObject;
      const amount = (c.amount ?? 0) * (c.operation === 'add' ? 1 : -1);
      return { date: date.plus({ [unit]: amount }) };
    }
    case 'start_of':
    case 'end_of': {
      const unit = singular(PERIOD_UNITS).parse(c.unit) as (typeof PERIOD_UNITS)[number];
      const local = date.setZone(zone);
      return { date: c.operation === 'start_of' ? local.startOf(unit) : local.endOf(unit) };
    }
    case 'diff': {
      const unit = plural(DURATION_UNITS).parse(c.unit ?? 'seconds') as keyof DurationLikeObject;
      const other = read(c.compare_to ?? '', 'compare_to', c.input_timezone ?? 'UTC', now);
      const exact = other.diff(date, unit).as(unit);
      return { date, diff: Math.trunc(exact) };
    }
  }
}

export const dateTransform = defineNode({
  componentId: 'date_transform',
  kind: 'action',
  network: false,
  pure: true,
  title: 'Date transform',
  description:
    'Parses a date and formats it, adds or subtracts a duration, moves it to the start or end of a period, or counts the whole units to another date (diff), in any IANA time zone. Outputs ISO 8601 and the formatted text.',
  config,
  output: z.object({
    iso: z.string(),
    formatted: z.string(),
    timestamp: z.number(),
    timezone: z.string(),
    diff: z.number().optional(),
    unit: z.string().optional(),
  }),
  outputExample: {
    iso: '2026-12-01T08:12:00.000+02:00',
    formatted: '2026-12-01 08:12',
    timestamp: 1795932720,
    timezone: 'Africa/Johannesburg',
  },
  handles: [],
  run: (ctx, c) => {
    const now = ctx.clock.now();
    const inputZone = c.input_timezone ?? 'UTC';
    const zone = c.timezone ?? inputZone;
    const result = transform(read(c.date, 'date', inputZone, now), c, zone, now);
    const date = result.date.setZone(zone);
    const diff =
      result.diff === undefined
        ? {}
        : { diff: result.diff, unit: plural(DURATION_UNITS).parse(c.unit ?? 'seconds') as string };
    return {
      output: {
        iso: date.toISO() as string,
        formatted: formatCarbon(date, c.format),
        timestamp: Math.floor(date.toSeconds()),
        timezone: zone,
        ...diff,
      },
    };
  },
});
