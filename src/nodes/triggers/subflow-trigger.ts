import { z } from 'zod';
import { defineNode } from '../contract.js';
import { triggerExample, triggerOutput, triggerOutputSchema } from './trigger-output.js';

export const subflowTrigger = defineNode({
  componentId: 'subflow_trigger',
  kind: 'trigger',
  title: 'Subflow trigger',
  description:
    'Starts a run for a parent workflow (e.g. one iterator item); the data passed becomes its output.',
  config: z.object({}),
  output: triggerOutputSchema(
    'subflow',
    {},
    'the data the parent passed (an iterator passes `item` and `index`)',
  ),
  outputExample: triggerExample('subflow', { item: { site_id: 'st_7f3a' }, index: 0 }),
  handles: [],
  run(ctx) {
    return { output: triggerOutput(ctx, 'subflow', {}, ctx.trigger.payload) };
  },
});
