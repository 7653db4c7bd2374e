import { z } from 'zod';
import { defineNode } from '../contract.js';
import { triggerOutput } from './trigger-output.js';

export const manualTrigger = defineNode({
  componentId: 'manual_trigger',
  kind: 'trigger',
  title: 'Manual trigger',
  description: 'Starts a run on demand (API execute, CLI or UI); the optional context becomes its output.',
  config: z.object({}),
  handles: [],
  run(ctx) {
    return { output: triggerOutput(ctx, 'manual', {}, ctx.trigger.payload) };
  },
});
