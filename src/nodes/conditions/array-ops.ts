import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { jsonProblem } from '../../domain/json-problem.js';
import { quote, readCount, requireOperands } from './coercions.js';
import type { ConditionEvaluation } from './evaluation.js';

export const ARRAY_OPERATORS = [
  'contains',
  'not_contains',
  'is_empty',
  'is_not_empty',
  'length_equals',
  'length_greater_than',
  'length_less_than',
] as const;
export type ArrayOperator = (typeof ARRAY_OPERATORS)[number];

const element = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: 'Expected a string, number, boolean or null.',
});

export const arrayConditionFields = {
  /** An array, or text holding one (JSON `[...]` or a comma-separated list). */
  value: z.union([z.array(z.unknown()), z.string(), z.null()], { error: 'Expected an array or a string.' }),
  operator: z.enum(ARRAY_OPERATORS),
  /** The element to look for, or the length to compare with. */
  compare_to: element.optional(),
};

const BINARY = ['compare_to'] as const;
export const requireArrayOperands = requireOperands({
  contains: BINARY,
  not_contains: BINARY,
  length_equals: BINARY,
  length_greater_than: BINARY,
  length_less_than: BINARY,
});

export const arrayConditionSchema = z.object(arrayConditionFields).superRefine(requireArrayOperands);
export type ArrayCondition = z.output<typeof arrayConditionSchema>;

/**
 * Checks membership and length. Elements match when their text forms are equal (strings as they are,
 * anything else as JSON), so the rendered "3" finds the number 3 and `{"id":1}` finds that object.
 */
export function evaluateArray(condition: ArrayCondition): ConditionEvaluation {
  const { operator } = condition;
  const items = readArray(condition.value);
  const base = { value: items, operator };
  switch (operator) {
    case 'contains':
    case 'not_contains': {
      const wanted = asText(condition.compare_to ?? null);
      const found = items.some((item) => asText(item) === wanted);
      return {
        result: operator === 'contains' ? found : !found,
        ...base,
        compare_to: condition.compare_to ?? null,
      };
    }
    case 'is_empty':
    case 'is_not_empty':
      return { result: (items.length === 0) === (operator === 'is_empty'), ...base, compare_to: null };
    case 'length_equals':
    case 'length_greater_than':
    case 'length_less_than': {
      const length = readCount(condition.compare_to, 'Array condition: compare_to (length)');
      const result =
        operator === 'length_equals'
          ? items.length === length
          : operator === 'length_greater_than'
            ? items.length > length
            : items.length < length;
      return { result, ...base, compare_to: length, length: items.length };
    }
  }
}

/**
 * Reads the array to test. Text starting with `[` must be a JSON array; other non-blank text is a
 * comma-separated list whose items are trimmed; blank text and `null` are the empty array.
 */
export function readArray(value: ArrayCondition['value']): unknown[] {
  if (Array.isArray(value)) return value;
  const text = (value ?? '').trim();
  if (text === '') return [];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed;
    } catch (error) {
      throw new StratoflowError(
        'node_failed',
        `Array condition: value is not a valid JSON array: ${jsonProblem(error, text)}`,
      );
    }
  }
  if (text.startsWith('{')) {
    throw new StratoflowError(
      'node_failed',
      `Array condition: value ${quote(text)} is an object, not an array.`,
    );
  }
  return text.split(',').map((item) => item.trim());
}

function asText(item: unknown): string {
  return typeof item === 'string' ? item : JSON.stringify(item);
}
