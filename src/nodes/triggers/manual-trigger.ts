import { z } from 'zod';
import { defineNode } from '../contract.js';
import { triggerExample, triggerOutput, triggerOutputSchema } from './trigger-output.js';

export const manualTrigger = defineNode({
  componentId: 'manual_trigger',
  kind: 'trigger',
  title: 'Manual trigger',
  description: 'Starts a run on demand (API execute, CLI or UI); the optional context becomes its output.',
  config: z.object({}),
  output: triggerOutputSchema('manual', {}, "the execute call's `context` (or the test input)"),
  outputExample: triggerExample('manual', { user_id: 'usr_123', site_id: 'site_456' }),
  handles: [],
  run(ctx) {
    return { output: triggerOutput(ctx, 'manual', {}, ctx.trigger.payload) };
  },
});
