import { describe, expect, it } from 'vitest';
import { runNode, runNodeOutput } from '../test-context.js';
import { dateTransform } from './date-transform.js';

// TEST_NOW is Saturday 2024-06-15T12:00:00.000Z.
const transform = async (raw: Record<string, unknown>) => (await runNodeOutput(dateTransform, raw)).output;

describe('date_transform', () => {
  it('formats with PHP/Carbon characters and outputs ISO 8601 and the epoch', async () => {
    expect(await transform({ date: '2024-03-10T10:00:00Z', format: 'D, d M Y H:i' })).toEqual({
      iso: '2024-03-10T10:00:00.000Z',
      formatted: 'Sun, 10 Mar 2024 10:00',
      timestamp: 1710064800,
      timezone: 'UTC',
    });
    expect((await transform({ date: 1710064800 })).formatted).toBe('2024-03-10 10:00:00');
    expect((await transform({ date: '1710064800', operation: 'parse' })).iso).toBe(
      '2024-03-10T10:00:00.000Z',
    );
  });

  it('reads offset-less input in input_timezone and answers in timezone', async () => {
    const out = await transform({
      date: '2024-03-10 10:00',
      input_timezone: 'Europe/Rome',
      timezone: 'America/New_York',
      format: 'Y-m-d H:i T',
    });
    expect(out).toMatchObject({ iso: '2024-03-10T05:00:00.000-04:00', formatted: '2024-03-10 05:00 EDT' });
    expect((await transform({ date: '2024-03-10 10:00', input_timezone: 'Europe/Rome' })).iso).toBe(
      '2024-03-10T10:00:00.000+01:00',
    );
  });

  it('adds and subtracts durations, calendar-aware', async () => {
    expect((await transform({ date: '2024-01-31', operation: 'add', amount: 1, unit: 'month' })).iso).toBe(
      '2024-02-29T00:00:00.000Z',
    );
    expect(
      (await transform({ date: '2024-03-10', operation: 'subtract', amount: '36', unit: 'hours' })).iso,
    ).toBe('2024-03-08T12:00:00.000Z');
    // Across a DST change in the zone, days keep the wall-clock time.
    const dst = await transform({
      date: '2024-03-30 12:00',
      operation: 'add',
      amount: 1,
      unit: 'days',
      input_timezone: 'Europe/Rome',
    });
    expect(dst.iso).toBe('2024-03-31T12:00:00.000+02:00');
  });

  it('moves to the start or end of a period in the output zone', async () => {
    expect(
      (
        await transform({
          date: '2024-06-15T23:30:00Z',
          operation: 'start_of',
          unit: 'day',
          timezone: 'Asia/Tokyo',
        })
      ).iso,
    ).toBe('2024-06-16T00:00:00.000+09:00');
    expect((await transform({ date: '2024-05-15', operation: 'end_of', unit: 'months' })).iso).toBe(
      '2024-05-31T23:59:59.999Z',
    );
    expect((await transform({ date: '2024-06-12', operation: 'start_of', unit: 'week' })).iso).toBe(
      '2024-06-10T00:00:00.000Z',
    );
  });

  it('counts whole units to another date with diff', async () => {
    expect(
      await transform({ date: '2024-01-01', operation: 'diff', compare_to: '2024-03-01', unit: 'days' }),
    ).toMatchObject({
      diff: 60,
      unit: 'days',
    });
    expect(
      (
        await transform({
          date: '2024-03-01T12:00:00Z',
          operation: 'diff',
          compare_to: '2024-03-01T10:30:00Z',
          unit: 'hour',
        })
      ).diff,
    ).toBe(-1);
    expect(
      (await transform({ date: 'today', operation: 'diff', compare_to: '+3 days', unit: 'days' })).diff,
    ).toBe(3);
  });

  it('reads relative phrases against the clock', async () => {
    expect((await transform({ date: 'tomorrow' })).iso).toBe('2024-06-16T00:00:00.000Z');
    expect((await transform({ date: '-2 hours' })).iso).toBe('2024-06-15T10:00:00.000Z');
  });

  it('fails on what is not a date, and checks operands when saved', async () => {
    await expect(runNode(dateTransform, { date: 'someday' })).rejects.toThrow(
      'Date transform: date "someday" is not a date',
    );
    const problems = (raw: Record<string, unknown>) =>
      dateTransform.config.safeParse(raw).error?.issues.map((i) => i.message);
    expect(problems({ date: 'x', operation: 'add' })).toEqual([
      'The operation "add" needs `amount`.',
      'The operation "add" needs `unit`.',
    ]);
    expect(problems({ date: 'x', operation: 'start_of', unit: 'fortnight' })).toEqual([
      'Unknown unit "fortnight" for "start_of".',
    ]);
    expect(problems({ date: 'x', operation: 'diff' })).toEqual(['The operation "diff" needs `compare_to`.']);
    expect(problems({ date: 'x', timezone: 'Mars/Base' })?.[0]).toContain('Unknown time zone');
  });
});
