import { z } from 'zod';
import { defineNode } from '../contract.js';
import { triggerExample, triggerOutput, triggerOutputSchema } from './trigger-output.js';

/**
 * The schedule itself lives on the workflow (`schedule_type`, `schedule_value`, `schedule_timezone`);
 * values set here are mirrored there on save when the workflow does not set its own.
 */
export const scheduledTrigger = defineNode({
  componentId: 'scheduled_trigger',
  kind: 'trigger',
  title: 'Scheduled trigger',
  description:
    'Starts a run at the times the workflow schedule says (interval, cron, daily, weekly, monthly).',
  config: z.object({
    schedule_type: z.enum(['interval', 'cron', 'daily', 'weekly', 'monthly']).optional(),
    schedule_value: z.string().optional(),
    schedule_timezone: z.string().optional(),
  }),
  output: triggerOutputSchema(
    'scheduled',
    {
      scheduled_for: z
        .string()
        .nullable()
        .describe('The fire time this run is for (UTC, 6 fractional digits); null when started by hand'),
    },
    'the context, when started by hand',
  ),
  outputExample: triggerExample('scheduled', { scheduled_for: '2026-12-01T06:00:00.000000Z' }),
  handles: [],
  run(ctx) {
    const extra = { scheduled_for: ctx.trigger.scheduledFor ?? null };
    return { output: triggerOutput(ctx, 'scheduled', extra, ctx.trigger.payload) };
  },
});
