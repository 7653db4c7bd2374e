import type { DateTime } from 'luxon';
import { z } from 'zod';
import { isValidTimeZone, parseDate } from '../../domain/dates.js';
import { StratoflowError } from '../../domain/errors.js';
import { luxon } from '../../domain/luxon.js';
import { quote, readCount, requireOperands } from './coercions.js';
import type { ConditionEvaluation } from './evaluation.js';

export const DATE_OPERATORS = [
  'is_before',
  'is_after',
  'is_on',
  'is_between',
  'is_today',
  'within_last_n_days',
  'within_next_n_days',
] as const;
export type DateOperator = (typeof DATE_OPERATORS)[number];

const dateLike = z.union([z.string(), z.number()], { error: 'Expected a date (text or epoch number).' });

export const dateConditionFields = {
  value: dateLike,
  operator: z.enum(DATE_OPERATORS),
  /** A date, or for `within_*_n_days` the number of days. */
  compare_to: dateLike.optional(),
  compare_to_end: dateLike.optional(),
  timezone: z.preprocess(
    (zone) => (zone === '' || zone === null ? undefined : zone),
    z
      .string()
      .refine(isValidTimeZone, {
        error: 'Unknown time zone; use an IANA name such as "Europe/Rome", or "UTC".',
      })
      .default('UTC'),
  ),
};

export const requireDateOperands = requireOperands({
  is_before: ['compare_to'],
  is_after: ['compare_to'],
  is_on: ['compare_to'],
  is_between: ['compare_to', 'compare_to_end'],
  within_last_n_days: ['compare_to'],
  within_next_n_days: ['compare_to'],
});

export const dateConditionSchema = z.object(dateConditionFields).superRefine(requireDateOperands);
export type DateCondition = z.output<typeof dateConditionSchema>;

/**
 * Compares dates as instants (`is_before`, `is_after`, inclusive `is_between`) or as calendar days in
 * `timezone` (`is_on`, `is_today`). `within_last_n_days` means now − N days ≤ value ≤ now, and
 * `within_next_n_days` now ≤ value ≤ now + N days (calendar days in `timezone`). `nowMs` comes from the clock.
 */
export function evaluateDate(condition: DateCondition, nowMs: number): ConditionEvaluation {
  const { operator, timezone } = condition;
  const read = (input: string | number | undefined, field: string) => readDate(input, field, timezone, nowMs);
  const value = read(condition.value, 'value');
  const current = luxon().DateTime.fromMillis(nowMs, { zone: timezone });
  const details = { operator, timezone, value: value.setZone(timezone).toISO() };
  switch (operator) {
    case 'is_before':
    case 'is_after':
    case 'is_on': {
      const other = read(condition.compare_to, 'compare_to');
      const result =
        operator === 'is_before'
          ? value < other
          : operator === 'is_after'
            ? value > other
            : sameDay(value, other, timezone);
      return { result, ...details, compare_to: other.setZone(timezone).toISO() };
    }
    case 'is_between': {
      const start = read(condition.compare_to, 'compare_to');
      const end = read(condition.compare_to_end, 'compare_to_end');
      const [low, high] = start <= end ? [start, end] : [end, start];
      const result = value >= low && value <= high;
      return {
        result,
        ...details,
        compare_to: start.setZone(timezone).toISO(),
        compare_to_end: end.setZone(timezone).toISO(),
      };
    }
    case 'is_today':
      return {
        result: sameDay(value, current, timezone),
        ...details,
        compare_to: null,
        now: current.toISO(),
      };
    case 'within_last_n_days':
    case 'within_next_n_days': {
      const days = readCount(condition.compare_to, 'Date condition: compare_to (number of days)');
      const result =
        operator === 'within_last_n_days'
          ? value >= current.minus({ days }) && value <= current
          : value >= current && value <= current.plus({ days });
      return { result, ...details, compare_to: days, now: current.toISO() };
    }
  }
}

function readDate(input: string | number | undefined, field: string, zone: string, now: number): DateTime {
  const parsed = input === undefined ? null : parseDate(input, { zone, now });
  if (!parsed) {
    throw new StratoflowError(
      'node_failed',
      `Date condition: ${field} ${quote(input ?? null)} is not a date (use ISO-8601, "YYYY-MM-DD HH:mm:ss", RFC 2822, an epoch or a phrase such as "+3 days").`,
    );
  }
  return parsed;
}

function sameDay(a: DateTime, b: DateTime, zone: string): boolean {
  return a.setZone(zone).hasSame(b.setZone(zone), 'day');
}
