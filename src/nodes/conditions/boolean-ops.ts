import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { quote } from './coercions.js';
import type { ConditionEvaluation } from './evaluation.js';

export const BOOLEAN_OPERATORS = ['is_true', 'is_false'] as const;
export type BooleanOperator = (typeof BOOLEAN_OPERATORS)[number];

export const booleanConditionFields = {
  value: z.union([z.boolean(), z.number(), z.string(), z.null()], {
    error: 'Expected a boolean, a number, a string or null.',
  }),
  operator: z.enum(BOOLEAN_OPERATORS),
};

export const booleanConditionSchema = z.object(booleanConditionFields);
export type BooleanCondition = z.output<typeof booleanConditionSchema>;

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off', '']);

/**
 * Reads a truth value: booleans as they are, numbers by `!== 0`, `null` as false, and strings (trimmed,
 * any case) "true"/"1"/"yes"/"on" as true and "false"/"0"/"no"/"off"/"" as false. Any other string
 * fails the node rather than guess.
 */
export function readTruth(value: BooleanCondition['value'], label: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (value === null) return false;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new StratoflowError(
    'node_failed',
    `${label} ${quote(value)} is not a boolean (use true/false, 1/0, yes/no or on/off).`,
  );
}

export function evaluateBoolean(condition: BooleanCondition): ConditionEvaluation {
  const truth = readTruth(condition.value, 'Boolean condition: value');
  const result = condition.operator === 'is_true' ? truth : !truth;
  return { result, value: truth, operator: condition.operator, compare_to: null };
}
