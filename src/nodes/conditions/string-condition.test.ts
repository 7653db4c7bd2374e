import { describe, expect, it } from 'vitest';
import { runNode } from '../test-context.js';
import { stringCondition } from './string-condition.js';

const handleOf = async (raw: Record<string, unknown>) => {
  const outcome = await runNode(stringCondition, raw);
  return 'handle' in outcome ? outcome.handle : undefined;
};

describe('string_condition', () => {
  it.each([
    ['equals', 'abc', 'abc', 'true'],
    ['equals', 'abc', 'abd', 'false'],
    ['not_equals', 'abc', 'abd', 'true'],
    ['not_equals', 'abc', 'abc', 'false'],
    ['contains', 'hello world', 'lo w', 'true'],
    ['contains', 'hello world', 'xyz', 'false'],
    ['not_contains', 'hello world', 'xyz', 'true'],
    ['not_contains', 'hello world', 'world', 'false'],
    ['starts_with', 'hello world', 'hell', 'true'],
    ['starts_with', 'hello world', 'world', 'false'],
    ['ends_with', 'hello world', 'world', 'true'],
    ['ends_with', 'hello world', 'hello', 'false'],
    ['matches_regex', 'order-1234', '^order-\\d{4}$', 'true'],
    ['matches_regex', 'order-12', '^order-\\d{4}$', 'false'],
  ])('%s(%j, %j) → %s', async (operator, value, compare_to, expected) => {
    expect(await handleOf({ value, operator, compare_to })).toBe(expected);
  });

  it.each([
    ['is_empty', '', 'true'],
    ['is_empty', '  \n', 'true'],
    ['is_empty', 'x', 'false'],
    ['is_not_empty', 'x', 'true'],
    ['is_not_empty', ' ', 'false'],
  ])('%s(%j) → %s without compare_to', async (operator, value, expected) => {
    expect(await handleOf({ value, operator })).toBe(expected);
  });

  it('outputs the evaluation details', async () => {
    const outcome = await runNode(stringCondition, { value: 'a', operator: 'equals', compare_to: 'a' });
    expect(outcome).toEqual({
      output: { result: true, value: 'a', operator: 'equals', compare_to: 'a', case_sensitive: true },
      handle: 'true',
    });
  });

  it('is case-sensitive by default and folds case when asked, including the string "false"', async () => {
    expect(await handleOf({ value: 'Hello', operator: 'equals', compare_to: 'hello' })).toBe('false');
    expect(
      await handleOf({ value: 'Hello', operator: 'equals', compare_to: 'hello', case_sensitive: false }),
    ).toBe('true');
    expect(
      await handleOf({ value: 'HELLO', operator: 'contains', compare_to: 'ell', case_sensitive: 'false' }),
    ).toBe('true');
    expect(
      await handleOf({ value: 'HELLO', operator: 'matches_regex', compare_to: '^hel', case_sensitive: '0' }),
    ).toBe('true');
    expect(
      await handleOf({
        value: 'HELLO',
        operator: 'matches_regex',
        compare_to: '^hel',
        case_sensitive: 'true',
      }),
    ).toBe('false');
  });

  it('compares numbers, booleans and null as text', async () => {
    expect(await handleOf({ value: 42, operator: 'equals', compare_to: '42' })).toBe('true');
    expect(await handleOf({ value: true, operator: 'equals', compare_to: 'true' })).toBe('true');
    expect(await handleOf({ value: null, operator: 'is_empty' })).toBe('true');
  });

  it('rejects a binary operator without compare_to, an unknown operator and a bad flag', () => {
    const missing = stringCondition.config.safeParse({ value: 'a', operator: 'equals' });
    expect(missing.error?.issues[0]).toMatchObject({ path: ['compare_to'] });
    expect(stringCondition.config.safeParse({ value: 'a', operator: 'like', compare_to: 'a' }).success).toBe(
      false,
    );
    const flag = stringCondition.config.safeParse({
      value: 'a',
      operator: 'is_empty',
      case_sensitive: 'maybe',
    });
    expect(flag.error?.issues[0]?.message).toMatch(/Expected a boolean/);
  });

  it('fails on an invalid regex with a clear message', async () => {
    await expect(
      handleOf({ value: 'a', operator: 'matches_regex', compare_to: '(unclosed' }),
    ).rejects.toMatchObject({
      code: 'node_config_invalid',
      message: expect.stringMatching(/^String condition: invalid regular expression "\(unclosed": /),
    });
  });

  it('caps the pattern length at 500 characters', async () => {
    await expect(
      handleOf({ value: 'a', operator: 'matches_regex', compare_to: 'a'.repeat(501) }),
    ).rejects.toThrow(/501 characters long; the limit is 500/);
    expect(
      await handleOf({ value: 'a'.repeat(500), operator: 'matches_regex', compare_to: 'a'.repeat(500) }),
    ).toBe('true');
  });

  it('runs the regex against the first 10,000 characters only', async () => {
    const value = `${'x'.repeat(10_000)}needle`;
    expect(await handleOf({ value, operator: 'matches_regex', compare_to: 'needle' })).toBe('false');
    expect(await handleOf({ value, operator: 'contains', compare_to: 'needle' })).toBe('true');
  });

  it('matches catastrophic-backtracking patterns in linear time', async () => {
    const started = performance.now();
    for (const pattern of ['(a+)+$', '^(a|a)*$', '^(a|aa)+$', '(x+x+)+y']) {
      const value = `${'a'.repeat(40)}!`;
      expect(await handleOf({ value, operator: 'matches_regex', compare_to: pattern })).toBe('false');
    }
    // A backtracking engine needs 2^40 steps for the first pattern alone (hours).
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses backreferences and lookaround (not linear) with a clear message', async () => {
    await expect(handleOf({ value: 'aa', operator: 'matches_regex', compare_to: '(a)\\1' })).rejects.toThrow(
      /invalid regular expression .*: invalid escape sequence/,
    );
    await expect(handleOf({ value: 'ab', operator: 'matches_regex', compare_to: 'a(?=b)' })).rejects.toThrow(
      /unsupported Perl syntax/,
    );
    expect(await handleOf({ value: 'id 42', operator: 'matches_regex', compare_to: '(?<n>\\d+)$' })).toBe(
      'true',
    );
  });
});
