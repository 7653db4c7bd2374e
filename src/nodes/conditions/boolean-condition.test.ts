import { describe, expect, it } from 'vitest';
import { runNode } from '../test-context.js';
import { booleanCondition } from './boolean-condition.js';

const handleOf = async (raw: Record<string, unknown>) => {
  const outcome = await runNode(booleanCondition, raw);
  return 'handle' in outcome ? outcome.handle : undefined;
};

describe('boolean_condition', () => {
  it.each([true, 'true', 'TRUE', ' 1 ', 'yes', 'Yes', 'on', 1, 2, -1])('%j is true', async (value) => {
    expect(await handleOf({ value, operator: 'is_true' })).toBe('true');
    expect(await handleOf({ value, operator: 'is_false' })).toBe('false');
  });

  it.each([false, 'false', 'False', '0', 'no', 'off', '', '  ', 0, null])('%j is false', async (value) => {
    expect(await handleOf({ value, operator: 'is_true' })).toBe('false');
    expect(await handleOf({ value, operator: 'is_false' })).toBe('true');
  });

  it('outputs the value as a boolean', async () => {
    expect(await runNode(booleanCondition, { value: 'yes', operator: 'is_false' })).toEqual({
      output: { result: false, value: true, operator: 'is_false', compare_to: null },
      handle: 'false',
    });
  });

  it('fails on a string that is not a truth value', async () => {
    await expect(handleOf({ value: 'maybe', operator: 'is_true' })).rejects.toMatchObject({
      code: 'node_failed',
      message: 'Boolean condition: value "maybe" is not a boolean (use true/false, 1/0, yes/no or on/off).',
    });
  });

  it('rejects unknown operators', () => {
    expect(booleanCondition.config.safeParse({ value: true, operator: 'equals' }).success).toBe(false);
  });
});
