import { z } from 'zod';
import { numberLike, readNumber, requireOperands } from './coercions.js';
import type { ConditionEvaluation } from './evaluation.js';

export const NUMBER_OPERATORS = [
  'equals',
  'not_equals',
  'greater_than',
  'greater_than_or_equal',
  'less_than',
  'less_than_or_equal',
  'between',
] as const;
export type NumberOperator = (typeof NUMBER_OPERATORS)[number];

export const numberConditionFields = {
  value: numberLike,
  operator: z.enum(NUMBER_OPERATORS),
  compare_to: numberLike,
  compare_to_end: numberLike.optional(),
};

export const requireNumberOperands = requireOperands({ between: ['compare_to_end'] });

export const numberConditionSchema = z.object(numberConditionFields).superRefine(requireNumberOperands);
export type NumberCondition = z.output<typeof numberConditionSchema>;

/**
 * Compares numbers. Operands may be numeric strings; anything else fails the node naming the value.
 * `between` is inclusive and accepts its bounds in either order.
 */
export function evaluateNumber(condition: NumberCondition): ConditionEvaluation {
  const { operator } = condition;
  const value = readNumber(condition.value, 'Number condition: value');
  const compareTo = readNumber(condition.compare_to, 'Number condition: compare_to');
  if (operator === 'between') {
    const end = readNumber(condition.compare_to_end, 'Number condition: compare_to_end');
    const result = value >= Math.min(compareTo, end) && value <= Math.max(compareTo, end);
    return { result, value, operator, compare_to: compareTo, compare_to_end: end };
  }
  const verdicts: Record<Exclude<NumberOperator, 'between'>, boolean> = {
    equals: value === compareTo,
    not_equals: value !== compareTo,
    greater_than: value > compareTo,
    greater_than_or_equal: value >= compareTo,
    less_than: value < compareTo,
    less_than_or_equal: value <= compareTo,
  };
  return { result: verdicts[operator], value, operator, compare_to: compareTo };
}
