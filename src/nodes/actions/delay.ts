import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { formatTimestamp } from '../../domain/time.js';
import { defineNode } from '../contract.js';

export const DELAY_UNIT_MS = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
type DelayUnit = keyof typeof DELAY_UNIT_MS;

const delayConfig = z.object({
  duration: z.coerce.number().int('Expected a whole number.').positive('Expected a duration above 0.'),
  unit: z.preprocess(
    (unit) => (typeof unit === 'string' ? unit.trim().toLowerCase() : unit),
    z.enum(Object.keys(DELAY_UNIT_MS) as [DelayUnit, ...DelayUnit[]]),
  ),
});
type DelayConfig = z.output<typeof delayConfig>;

export function delayMs({ duration, unit }: DelayConfig): number {
  return duration * DELAY_UNIT_MS[unit];
}

/** Problems with the delay's length, as sentences; empty when it fits within `maxDelayMs`. */
export function delayLimitProblems(config: DelayConfig, maxDelayMs: number): string[] {
  const ms = delayMs(config);
  if (!Number.isFinite(ms) || ms <= maxDelayMs) return [];
  const unit = config.duration === 1 ? config.unit.slice(0, -1) : config.unit;
  return [
    `A delay of ${config.duration} ${unit} is longer than the maximum delay of ${maxDelayMs / 1000} seconds per node.`,
  ];
}

/**
 * First call: asks the engine to park the run until now + duration. Second call (`ctx.waitedUntil` set):
 * the wait is over, report it.
 */
export const delay = defineNode({
  componentId: 'delay',
  kind: 'action',
  network: false,
  title: 'Delay',
  description: 'Pauses the run for a number of seconds, minutes, hours or days before going on.',
  config: delayConfig,
  output: z.object({
    delayed_seconds: z.number().describe('How long the run waited'),
    resumed_at: z.string().describe('When it went on (UTC, 6 fractional digits)'),
  }),
  outputExample: { delayed_seconds: 300, resumed_at: '2026-12-01T06:17:00.000000Z' },
  handles: [],
  check: (config, limits) => delayLimitProblems(config, limits.maxDelayMs),
  run: (ctx, config) => {
    const ms = delayMs(config);
    if (ctx.waitedUntil !== null) {
      return { output: { delayed_seconds: ms / 1000, resumed_at: formatTimestamp(ctx.clock.now()) } };
    }
    const [problem] = delayLimitProblems(config, ctx.limits.maxDelayMs);
    if (problem !== undefined) throw new StratoflowError('node_config_invalid', problem);
    const until = ctx.clock.now() + ms;
    ctx.logger.info({ until: formatTimestamp(until) }, 'delay: waiting');
    return { wait: { until } };
  },
});
