import { describe, expect, it } from 'vitest';
import { createTestContext, runNode, TEST_LIMITS, TEST_NOW } from '../test-context.js';
import { delay } from './delay.js';

describe('delay', () => {
  it.each([
    [{ duration: 30, unit: 'seconds' }, 30_000],
    [{ duration: '2', unit: 'minutes' }, 120_000],
    [{ duration: '15', unit: 'Minutes' }, 900_000],
  ])('first asks to wait: %j → %i ms', async (raw, ms) => {
    const ctx = createTestContext();
    expect(await runNode(delay, raw, ctx)).toEqual({ wait: { until: TEST_NOW + ms } });
    expect(ctx.lines).toHaveLength(1);
  });

  it('reports the delay once the wait is over', async () => {
    const ctx = createTestContext({ waitedUntil: TEST_NOW, clock: { now: () => TEST_NOW + 5 } });
    expect(await runNode(delay, { duration: 2, unit: 'minutes' }, ctx)).toEqual({
      output: { delayed_seconds: 120, resumed_at: '2024-06-15T12:00:00.005000Z' },
    });
  });

  it('fails a delay longer than the configured limit, naming it', async () => {
    await expect(runNode(delay, { duration: 16, unit: 'minutes' })).rejects.toMatchObject({
      code: 'node_config_invalid',
      message: 'A delay of 16 minutes is longer than the maximum delay of 900 seconds per node.',
    });
    const ctx = createTestContext({ limits: { ...createTestContext().limits, maxDelayMs: 3_600_000 } });
    expect(await runNode(delay, { duration: 1, unit: 'hours' }, ctx)).toEqual({
      wait: { until: TEST_NOW + 3_600_000 },
    });
    await expect(runNode(delay, { duration: 1, unit: 'days' }, ctx)).rejects.toThrow(
      'maximum delay of 3600 seconds',
    );
  });

  it('checks the configured limit at save time', () => {
    expect(delay.check?.(delay.config.parse({ duration: 900, unit: 'seconds' }), TEST_LIMITS)).toEqual([]);
    expect(delay.check?.(delay.config.parse({ duration: 1, unit: 'days' }), TEST_LIMITS)).toEqual([
      'A delay of 1 day is longer than the maximum delay of 900 seconds per node.',
    ]);
    const hour = { ...TEST_LIMITS, maxDelayMs: 3_600_000 };
    expect(delay.check?.(delay.config.parse({ duration: 30, unit: 'minutes' }), hour)).toEqual([]);
  });

  it.each([
    { duration: 0, unit: 'seconds' },
    { duration: -1, unit: 'seconds' },
    { duration: '1.5', unit: 'seconds' },
    { duration: 'soon', unit: 'seconds' },
    { duration: '', unit: 'seconds' },
    { duration: 1, unit: 'weeks' },
    { unit: 'seconds' },
  ])('rejects %j', (raw) => {
    expect(delay.config.safeParse(raw).success).toBe(false);
  });
});
