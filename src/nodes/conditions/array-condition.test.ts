import { describe, expect, it } from 'vitest';
import { runNode } from '../test-context.js';
import { arrayCondition } from './array-condition.js';

const handleOf = async (raw: Record<string, unknown>) => {
  const outcome = await runNode(arrayCondition, raw);
  return 'handle' in outcome ? outcome.handle : undefined;
};

describe('array_condition', () => {
  it.each([
    ['contains', ['a', 'b'], 'b', 'true'],
    ['contains', ['a', 'b'], 'c', 'false'],
    ['not_contains', ['a', 'b'], 'c', 'true'],
    ['not_contains', ['a', 'b'], 'a', 'false'],
    ['length_equals', [1, 2, 3], 3, 'true'],
    ['length_equals', [1, 2, 3], '2', 'false'],
    ['length_greater_than', [1, 2, 3], '2', 'true'],
    ['length_greater_than', [1, 2, 3], 3, 'false'],
    ['length_less_than', [1, 2, 3], 4, 'true'],
    ['length_less_than', [1, 2, 3], 3, 'false'],
  ])('%s(%j, %j) → %s', async (operator, value, compare_to, expected) => {
    expect(await handleOf({ value, operator, compare_to })).toBe(expected);
  });

  it.each([
    ['is_empty', [], 'true'],
    ['is_empty', [0], 'false'],
    ['is_not_empty', [0], 'true'],
    ['is_not_empty', [], 'false'],
    ['is_empty', '', 'true'],
    ['is_empty', '[]', 'true'],
    ['is_empty', null, 'true'],
    ['is_not_empty', '["x"]', 'true'],
  ])('%s(%j) → %s', async (operator, value, expected) => {
    expect(await handleOf({ value, operator })).toBe(expected);
  });

  it('parses JSON arrays rendered by templates', async () => {
    expect(await handleOf({ value: '[1, 2, 3]', operator: 'contains', compare_to: '2' })).toBe('true');
    expect(await handleOf({ value: '[{"id":1}]', operator: 'contains', compare_to: '{"id":1}' })).toBe(
      'true',
    );
    expect(await handleOf({ value: '[true, null]', operator: 'contains', compare_to: 'null' })).toBe('true');
    expect(await handleOf({ value: '["1"]', operator: 'contains', compare_to: 1 })).toBe('true');
  });

  it('accepts comma-separated text, trimming the items', async () => {
    expect(
      await handleOf({ value: 'admin, editor ,viewer', operator: 'contains', compare_to: 'editor' }),
    ).toBe('true');
    expect(await handleOf({ value: 'admin, editor', operator: 'length_equals', compare_to: 2 })).toBe('true');
    expect(await handleOf({ value: 'admin', operator: 'contains', compare_to: 'adm' })).toBe('false');
  });

  it('outputs the array as understood and its length', async () => {
    expect(
      await runNode(arrayCondition, { value: 'a,b', operator: 'length_greater_than', compare_to: '1' }),
    ).toEqual({
      output: { result: true, value: ['a', 'b'], operator: 'length_greater_than', compare_to: 1, length: 2 },
      handle: 'true',
    });
  });

  it('fails on broken JSON, an object, or a length that is not a count', async () => {
    await expect(handleOf({ value: '[1, 2', operator: 'is_empty' })).rejects.toMatchObject({
      code: 'node_failed',
      message: expect.stringMatching(/^Array condition: value is not a valid JSON array: /),
    });
    await expect(handleOf({ value: '{"a":1}', operator: 'is_empty' })).rejects.toThrow(
      /is an object, not an array/,
    );
    await expect(handleOf({ value: [1], operator: 'length_equals', compare_to: 'two' })).rejects.toThrow(
      'Array condition: compare_to (length) "two" is not a number.',
    );
  });

  it('requires compare_to for membership and length operators', () => {
    expect(arrayCondition.config.safeParse({ value: [], operator: 'contains' }).success).toBe(false);
    expect(arrayCondition.config.safeParse({ value: [], operator: 'is_empty' }).success).toBe(true);
  });
});
