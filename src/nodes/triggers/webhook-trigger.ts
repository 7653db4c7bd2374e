import { defineNode } from '../contract.js';
import { triggerOutput } from './trigger-output.js';
import { webhookTriggerConfig } from './webhook-auth-config.js';

export const webhookTrigger = defineNode({
  componentId: 'webhook_trigger',
  kind: 'trigger',
  title: 'Webhook trigger',
  description:
    'Starts a run when its secret URL receives a POST; body and headers become its output. Optionally verifies a signature (standard-webhooks, github, stripe, custom HMAC) and dedupes deliveries by an id header.',
  config: webhookTriggerConfig,
  handles: [],
  run(ctx) {
    const body = ctx.trigger.payload.webhook_payload;
    const extra = { webhook_payload: body, headers: ctx.trigger.headers ?? {} };
    return { output: triggerOutput(ctx, 'webhook', extra, body) };
  },
});
