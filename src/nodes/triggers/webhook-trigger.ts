import { z } from 'zod';
import { defineNode } from '../contract.js';
import { triggerExample, triggerOutput, triggerOutputSchema } from './trigger-output.js';
import { webhookTriggerConfig } from './webhook-auth-config.js';

export const webhookTrigger = defineNode({
  componentId: 'webhook_trigger',
  kind: 'trigger',
  title: 'Webhook trigger',
  description:
    'Starts a run when its secret URL receives a POST; body and headers become its output. Optionally verifies a signature (standard-webhooks, github, stripe, custom HMAC) and dedupes deliveries by an id header.',
  config: webhookTriggerConfig,
  output: triggerOutputSchema(
    'webhook',
    {
      webhook_payload: z
        .unknown()
        .describe(
          'The request body: parsed JSON (any JSON value), a form as an object of strings, other content types as text; null when empty',
        ),
      headers: z.record(z.string(), z.string()).describe('The request headers, lower-case names'),
    },
    'the body, when it is a JSON object (so `{{ n1.site_id }}` reads a body key)',
  ),
  outputExample: triggerExample('webhook', {
    site_id: 'st_7f3a',
    status: 'offline',
    webhook_payload: { site_id: 'st_7f3a', status: 'offline' },
    headers: { 'content-type': 'application/json', 'user-agent': 'monitor/2.1' },
  }),
  handles: [],
  run(ctx) {
    const body = ctx.trigger.payload.webhook_payload;
    const extra = { webhook_payload: body, headers: ctx.trigger.headers ?? {} };
    return { output: triggerOutput(ctx, 'webhook', extra, body) };
  },
});
