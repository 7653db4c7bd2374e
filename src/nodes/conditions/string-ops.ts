import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { compileLinearRegex, type LinearRegex, RegexSyntaxError } from '../../domain/linear-regex.js';
import { booleanFlag, quote, requireOperands, scalarText } from './coercions.js';
import type { ConditionEvaluation } from './evaluation.js';

export const STRING_OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'is_empty',
  'is_not_empty',
  'matches_regex',
] as const;
export type StringOperator = (typeof STRING_OPERATORS)[number];

/**
 * Longest accepted pattern, and how much of the value a pattern is run against. Patterns run on a
 * linear-time engine (see domain/linear-regex.ts), so these bound the work rather than prevent ReDoS.
 */
export const MAX_REGEX_LENGTH = 500;
export const MAX_REGEX_INPUT = 10_000;

export const stringConditionFields = {
  value: scalarText,
  operator: z.enum(STRING_OPERATORS),
  compare_to: scalarText.optional(),
  case_sensitive: booleanFlag.default(true),
};

const BINARY = ['compare_to'] as const;
export const requireStringOperands = requireOperands({
  equals: BINARY,
  not_equals: BINARY,
  contains: BINARY,
  not_contains: BINARY,
  starts_with: BINARY,
  ends_with: BINARY,
  matches_regex: BINARY,
});

export const stringConditionSchema = z.object(stringConditionFields).superRefine(requireStringOperands);

export type StringCondition = z.output<typeof stringConditionSchema>;

/**
 * Compares text. `is_empty` treats whitespace-only text as empty (templates often render to blanks).
 * `case_sensitive: false` folds both sides to lower case, or adds the `i` flag to a regex.
 */
export function evaluateString(condition: StringCondition): ConditionEvaluation {
  const { operator, case_sensitive } = condition;
  const compareTo = condition.compare_to ?? '';
  const fold = (text: string) => (case_sensitive ? text : text.toLowerCase());
  const value = fold(condition.value);
  const other = fold(compareTo);
  const verdicts: Record<StringOperator, () => boolean> = {
    equals: () => value === other,
    not_equals: () => value !== other,
    contains: () => value.includes(other),
    not_contains: () => !value.includes(other),
    starts_with: () => value.startsWith(other),
    ends_with: () => value.endsWith(other),
    is_empty: () => value.trim() === '',
    is_not_empty: () => value.trim() !== '',
    matches_regex: () =>
      compileRegex(compareTo, case_sensitive).test(condition.value.slice(0, MAX_REGEX_INPUT)),
  };
  return {
    result: verdicts[operator](),
    value: condition.value,
    operator,
    compare_to: condition.compare_to ?? null,
    case_sensitive,
  };
}

function compileRegex(pattern: string, caseSensitive: boolean): LinearRegex {
  if (pattern.length > MAX_REGEX_LENGTH) {
    throw new StratoflowError(
      'node_config_invalid',
      `String condition: the regular expression is ${pattern.length} characters long; the limit is ${MAX_REGEX_LENGTH}.`,
    );
  }
  try {
    return compileLinearRegex(pattern, { caseInsensitive: !caseSensitive });
  } catch (error) {
    if (!(error instanceof RegexSyntaxError)) throw error;
    throw new StratoflowError(
      'node_config_invalid',
      `String condition: invalid regular expression ${quote(pattern)}: ${error.message}`,
    );
  }
}
