import { describe, expect, it } from 'vitest';
import { runNode } from '../test-context.js';
import { numberCondition } from './number-condition.js';

const handleOf = async (raw: Record<string, unknown>) => {
  const outcome = await runNode(numberCondition, raw);
  return 'handle' in outcome ? outcome.handle : undefined;
};

describe('number_condition', () => {
  it.each([
    ['equals', 5, 5, 'true'],
    ['equals', 5, 6, 'false'],
    ['not_equals', 5, 6, 'true'],
    ['not_equals', 5, 5, 'false'],
    ['greater_than', 6, 5, 'true'],
    ['greater_than', 5, 5, 'false'],
    ['greater_than_or_equal', 5, 5, 'true'],
    ['greater_than_or_equal', 4, 5, 'false'],
    ['less_than', 4, 5, 'true'],
    ['less_than', 5, 5, 'false'],
    ['less_than_or_equal', 5, 5, 'true'],
    ['less_than_or_equal', 6, 5, 'false'],
  ])('%s(%j, %j) → %s', async (operator, value, compare_to, expected) => {
    expect(await handleOf({ value, operator, compare_to })).toBe(expected);
  });

  it.each([
    [1, 'true'],
    [5, 'true'],
    [10, 'true'],
    [0.999, 'false'],
    [10.5, 'false'],
  ])('between 1 and 10 is inclusive: %j → %s', async (value, expected) => {
    expect(await handleOf({ value, operator: 'between', compare_to: 1, compare_to_end: 10 })).toBe(expected);
    expect(await handleOf({ value, operator: 'between', compare_to: '10', compare_to_end: '1' })).toBe(
      expected,
    );
  });

  it('coerces numeric strings from templates', async () => {
    const outcome = await runNode(numberCondition, {
      value: ' 12.5 ',
      operator: 'greater_than',
      compare_to: '1e1',
    });
    expect(outcome).toEqual({
      output: { result: true, value: 12.5, operator: 'greater_than', compare_to: 10 },
      handle: 'true',
    });
    expect(await handleOf({ value: '-3', operator: 'less_than', compare_to: '0' })).toBe('true');
  });

  it('fails naming a non-numeric value', async () => {
    await expect(handleOf({ value: 'abc', operator: 'equals', compare_to: 1 })).rejects.toMatchObject({
      code: 'node_failed',
      message: 'Number condition: value "abc" is not a number.',
    });
    await expect(handleOf({ value: '', operator: 'equals', compare_to: 1 })).rejects.toThrow(
      'Number condition: value "" is not a number.',
    );
    await expect(handleOf({ value: 1, operator: 'equals', compare_to: 'Infinity' })).rejects.toThrow(
      'Number condition: compare_to "Infinity" is not a number.',
    );
  });

  it('requires compare_to, and compare_to_end for between', () => {
    expect(numberCondition.config.safeParse({ value: 1, operator: 'equals' }).success).toBe(false);
    const between = numberCondition.config.safeParse({ value: 1, operator: 'between', compare_to: 0 });
    expect(between.error?.issues[0]).toMatchObject({ path: ['compare_to_end'] });
  });
});
