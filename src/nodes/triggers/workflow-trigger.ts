import { z } from 'zod';
import { defineNode } from '../contract.js';
import { inputSchemaField, inputSchemaProblems } from './input-schema.js';
import { triggerExample, triggerOutput, triggerOutputSchema } from './trigger-output.js';

export const workflowTrigger = defineNode({
  componentId: 'workflow_trigger',
  kind: 'trigger',
  title: 'Trigger by another workflow',
  description: 'Starts a run when another workflow calls this one; the caller input becomes its output.',
  config: z.object({ input_schema: inputSchemaField }),
  output: triggerOutputSchema('workflow', {}, "the calling trigger_workflow node's `input`"),
  outputExample: triggerExample('workflow', { site_id: 'st_7f3a', reason: 'nightly check' }),
  handles: [],
  /** The caller's input must match (a parent's node fails otherwise); see input-schema.ts. */
  check: (config) => inputSchemaProblems(config.input_schema),
  run(ctx) {
    return { output: triggerOutput(ctx, 'workflow', {}, ctx.trigger.payload) };
  },
});
