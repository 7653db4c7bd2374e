import { describe, expect, it } from 'vitest';
import { createTestContext, runNode, TEST_NOW } from '../test-context.js';
import { dateCondition } from './date-condition.js';

// TEST_NOW is 2024-06-15T12:00:00.000Z.
const handleOf = async (raw: Record<string, unknown>) => {
  const outcome = await runNode(dateCondition, raw);
  return 'handle' in outcome ? outcome.handle : undefined;
};

describe('date_condition', () => {
  it.each([
    ['is_before', '2024-01-01', '2024-01-02', 'true'],
    ['is_before', '2024-01-02', '2024-01-01', 'false'],
    ['is_before', '2024-01-01', '2024-01-01', 'false'],
    ['is_after', '2024-01-02T00:00:01Z', '2024-01-02', 'true'],
    ['is_after', '2024-01-01', '2024-01-02', 'false'],
    ['is_on', '2024-01-02 23:59:59', '2024-01-02', 'true'],
    ['is_on', '2024-01-03 00:00:00', '2024-01-02', 'false'],
  ])('%s(%j, %j) → %s', async (operator, value, compare_to, expected) => {
    expect(await handleOf({ value, operator, compare_to })).toBe(expected);
  });

  it.each([
    ['2024-01-01', 'true'],
    ['2024-01-15 12:00:00', 'true'],
    ['2024-01-31', 'true'],
    ['2024-01-31T00:00:01Z', 'false'],
    ['2023-12-31T23:59:59Z', 'false'],
  ])('is_between 2024-01-01 and 2024-01-31 is inclusive: %j → %s', async (value, expected) => {
    const raw = { value, operator: 'is_between', compare_to: '2024-01-01', compare_to_end: '2024-01-31' };
    expect(await handleOf(raw)).toBe(expected);
    expect(await handleOf({ ...raw, compare_to: raw.compare_to_end, compare_to_end: raw.compare_to })).toBe(
      expected,
    );
  });

  it('is_today uses the clock and the time zone', async () => {
    expect(await handleOf({ value: '2024-06-15T00:00:00Z', operator: 'is_today' })).toBe('true');
    expect(await handleOf({ value: '2024-06-14T23:59:59Z', operator: 'is_today' })).toBe('false');
    // 11:30 UTC is already the 15th's 23:30 in Auckland (UTC+12), where "now" is the 16th.
    expect(
      await handleOf({ value: '2024-06-15T11:30:00Z', operator: 'is_today', timezone: 'Pacific/Auckland' }),
    ).toBe('false');
    const aucklandToday = {
      value: '2024-06-16T01:00:00+12:00',
      operator: 'is_today',
      timezone: 'Pacific/Auckland',
    };
    expect(await handleOf(aucklandToday)).toBe('true');
    const ctx = createTestContext({ clock: { now: () => TEST_NOW + 24 * 3600_000 } });
    expect(await runNode(dateCondition, { value: '2024-06-15', operator: 'is_today' }, ctx)).toMatchObject({
      handle: 'false',
    });
  });

  it('is_on compares calendar days in the time zone', async () => {
    const raw = { value: '2024-03-10T23:30:00Z', operator: 'is_on', compare_to: '2024-03-11' };
    expect(await handleOf(raw)).toBe('false');
    expect(await handleOf({ ...raw, timezone: 'Europe/Rome' })).toBe('true');
  });

  it.each([
    ['within_last_n_days', '2024-06-10T12:00:00Z', '7', 'true'],
    ['within_last_n_days', '2024-06-08T12:00:00Z', 7, 'true'],
    ['within_last_n_days', '2024-06-08T11:59:59Z', 7, 'false'],
    ['within_last_n_days', '2024-06-15T12:00:01Z', 7, 'false'],
    ['within_next_n_days', '2024-06-20', '7', 'true'],
    ['within_next_n_days', '2024-06-22T12:00:00Z', 7, 'true'],
    ['within_next_n_days', '2024-06-23', 7, 'false'],
    ['within_next_n_days', '2024-06-14', 7, 'false'],
  ])('%s(%j, %j) → %s', async (operator, value, compare_to, expected) => {
    expect(await handleOf({ value, operator, compare_to })).toBe(expected);
  });

  it('accepts epoch seconds, epoch milliseconds, RFC 2822 and numbers', async () => {
    expect(await handleOf({ value: '1718452800', operator: 'is_today' })).toBe('true');
    expect(await handleOf({ value: 1718452800000, operator: 'is_today' })).toBe('true');
    expect(await handleOf({ value: 'Sat, 15 Jun 2024 08:00:00 +0000', operator: 'is_today' })).toBe('true');
  });

  it('outputs the dates as understood, in the time zone', async () => {
    const outcome = await runNode(dateCondition, {
      value: '2024-03-10 10:00:00',
      operator: 'is_before',
      compare_to: '1710064800',
      timezone: 'Europe/Rome',
    });
    expect(outcome).toEqual({
      output: {
        result: true,
        operator: 'is_before',
        timezone: 'Europe/Rome',
        value: '2024-03-10T10:00:00.000+01:00',
        compare_to: '2024-03-10T11:00:00.000+01:00',
      },
      handle: 'true',
    });
    const today = await runNode(dateCondition, { value: '2024-06-15', operator: 'is_today', timezone: '' });
    expect(today).toMatchObject({ output: { timezone: 'UTC', now: '2024-06-15T12:00:00.000Z' } });
  });

  it('fails naming a value that is not a date', async () => {
    await expect(handleOf({ value: 'next tuesday', operator: 'is_today' })).rejects.toMatchObject({
      code: 'node_failed',
      message: expect.stringContaining('Date condition: value "next tuesday" is not a date'),
    });
    await expect(
      handleOf({ value: '2024-01-01', operator: 'is_before', compare_to: 'soon' }),
    ).rejects.toThrow(/compare_to "soon" is not a date/);
  });

  it('fails when the number of days is not a whole number', async () => {
    await expect(
      handleOf({ value: '2024-06-15', operator: 'within_last_n_days', compare_to: 'a week' }),
    ).rejects.toThrow('Date condition: compare_to (number of days) "a week" is not a number.');
    await expect(
      handleOf({ value: '2024-06-15', operator: 'within_last_n_days', compare_to: '1.5' }),
    ).rejects.toThrow(/is not a whole number/);
  });

  it('validates operands and the time zone', () => {
    const missingEnd = dateCondition.config.safeParse({
      value: 'x',
      operator: 'is_between',
      compare_to: 'y',
    });
    expect(missingEnd.error?.issues.map((issue) => issue.path)).toEqual([['compare_to_end']]);
    expect(dateCondition.config.safeParse({ value: 'x', operator: 'is_after' }).success).toBe(false);
    const zone = dateCondition.config.safeParse({
      value: 'x',
      operator: 'is_today',
      timezone: 'Mars/Olympus',
    });
    expect(zone.error?.issues[0]?.message).toMatch(/Unknown time zone/);
  });
});
