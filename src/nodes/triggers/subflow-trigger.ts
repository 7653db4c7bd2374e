import { z } from 'zod';
import { defineNode } from '../contract.js';
import { triggerOutput } from './trigger-output.js';

export const subflowTrigger = defineNode({
  componentId: 'subflow_trigger',
  kind: 'trigger',
  title: 'Subflow trigger',
  description:
    'Starts a run for a parent workflow (e.g. one iterator item); the data passed becomes its output.',
  config: z.object({}),
  handles: [],
  run(ctx) {
    return { output: triggerOutput(ctx, 'subflow', {}, ctx.trigger.payload) };
  },
});
