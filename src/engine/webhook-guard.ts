import { StratoflowError } from '../domain/errors.js';
import type { Clock } from '../domain/time.js';
import type { WorkflowHead } from '../domain/types.js';
import { webhookTriggerConfig } from '../nodes/triggers/webhook-auth-config.js';
import type { DefinitionCache } from './compiled-definition.js';
import { componentConfig } from './node-config.js';
import type { SecretsPort } from './secrets.js';
import { verifyWebhookSignature } from './webhook-signature.js';

/** How a delivery that passed its trigger's checks becomes a run. */
export interface WebhookAdmission {
  /** The run's idempotency key (a delivery id), if the trigger identifies deliveries. */
  idempotencyKey?: string;
  /** A repeated key is an error (signed deliveries), rather than the first delivery's run (dedupe). */
  rejectRepeat: boolean;
}

export type WebhookGuard = (
  workflow: WorkflowHead,
  rawBody: string,
  headers: Readonly<Record<string, string>>,
) => Promise<WebhookAdmission>;

/**
 * Applies a webhook trigger's own settings to a delivery before any run exists: the signature (secret
 * from the organization's vault, timestamp window) and the delivery id used to refuse or fold repeats.
 */
export function createWebhookGuard(deps: {
  definitions: DefinitionCache;
  secrets?: SecretsPort;
  clock: Clock;
}): WebhookGuard {
  return async (workflow, rawBody, headers) => {
    const compiled = await deps.definitions.get(workflow.versionId);
    const trigger = compiled?.nodes.get(compiled.triggerId);
    const parsed = trigger ? webhookTriggerConfig.safeParse(componentConfig(trigger)) : null;
    if (!parsed?.success) return { rejectRepeat: false };
    const { signature, dedupe_header } = parsed.data;
    const key = (id: string) => `webhook:${workflow.id}:${id}`;
    const dedupeId = dedupe_header ? headers[dedupe_header.toLowerCase()] : undefined;
    if (!signature)
      return dedupeId ? { idempotencyKey: key(dedupeId), rejectRepeat: false } : { rejectRepeat: false };
    const secret = await signingSecret(deps.secrets, workflow.orgId, signature.secret);
    const { deliveryId } = verifyWebhookSignature(signature, secret, rawBody, headers, deps.clock.now());
    return { idempotencyKey: key(dedupeId ?? deliveryId), rejectRepeat: true };
  };
}

async function signingSecret(port: SecretsPort | undefined, orgId: string, name: string): Promise<string> {
  const missing = new StratoflowError(
    'webhook_signature_invalid',
    `The signing secret (vault item '${name}') is missing or expired; no delivery can be verified.`,
  );
  if (!port) throw missing;
  try {
    const secrets = await port.load(orgId, { names: [name], ids: [] });
    const value = secrets.scope[name];
    if (typeof value !== 'string' || value === '') throw missing;
    return value;
  } catch {
    throw missing;
  }
}
