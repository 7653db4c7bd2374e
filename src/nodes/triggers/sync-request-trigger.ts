import { z } from 'zod';
import { defineNode } from '../contract.js';
import { inputSchemaField, inputSchemaProblems } from './input-schema.js';
import { triggerExample, triggerOutput, triggerOutputSchema } from './trigger-output.js';

export const syncRequestTrigger = defineNode({
  componentId: 'sync_request_trigger',
  kind: 'trigger',
  title: 'API trigger (synchronous)',
  description: 'Runs the workflow inline for POST /workflows/sync/{id}; the request body is `payload`.',
  config: z.object({ input_schema: inputSchemaField }),
  output: triggerOutputSchema(
    'sync',
    { payload: z.unknown().describe('The POST /workflows/sync/{id} request body, as sent') },
    'the request body, when it is a JSON object',
  ),
  outputExample: triggerExample('sync', {
    resource_id: 'res_abc123',
    payload: { resource_id: 'res_abc123' },
  }),
  handles: [],
  /** The request body must match (422 with `param` otherwise); see input-schema.ts. */
  check: (config) => inputSchemaProblems(config.input_schema),
  run(ctx) {
    const body = ctx.trigger.payload.payload;
    return { output: triggerOutput(ctx, 'sync', { payload: body }, body) };
  },
});
