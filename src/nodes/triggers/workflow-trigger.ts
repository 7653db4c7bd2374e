import { z } from 'zod';
import { defineNode } from '../contract.js';
import { triggerOutput } from './trigger-output.js';

export const workflowTrigger = defineNode({
  componentId: 'workflow_trigger',
  kind: 'trigger',
  title: 'Trigger by another workflow',
  description: 'Starts a run when another workflow calls this one; the caller input becomes its output.',
  config: z.object({
    input_schema: z.record(z.string(), z.unknown()).or(z.array(z.unknown())).optional(),
  }),
  handles: [],
  run(ctx) {
    return { output: triggerOutput(ctx, 'workflow', {}, ctx.trigger.payload) };
  },
});
