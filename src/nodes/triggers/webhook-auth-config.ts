import { z } from 'zod';

export const SIGNATURE_SCHEMES = ['standard-webhooks', 'github', 'stripe', 'hmac'] as const;

/**
 * Optional authenticity check of a webhook trigger's deliveries, over the raw request body:
 * - `standard-webhooks`: `webhook-id`, `webhook-timestamp`, `webhook-signature` (`v1,<base64>`), secret
 *   `whsec_<base64>`; `github`: `X-Hub-Signature-256: sha256=<hex>`; `stripe`: `Stripe-Signature:
 *   t=<unix>,v1=<hex>`; `hmac`: any `header` carrying an HMAC (`algorithm`, `encoding`, optional
 *   `prefix`), optionally over `<timestamp>.<body>` with `timestamp_header`.
 * - `secret` names a vault item of the organization.
 * - Signed timestamps older or newer than `tolerance_seconds` (default 300) are refused; a delivery id
 *   seen before is refused.
 */
export const webhookSignatureConfig = z.object({
  scheme: z.enum(SIGNATURE_SCHEMES),
  secret: z.string().trim().min(1, 'Name the vault item holding the signing secret.').max(100),
  header: z.string().trim().min(1).max(100).optional(),
  algorithm: z.enum(['sha1', 'sha256', 'sha512']).default('sha256'),
  encoding: z.enum(['hex', 'base64']).default('hex'),
  prefix: z.string().max(50).default(''),
  timestamp_header: z.string().trim().min(1).max(100).optional(),
  id_header: z.string().trim().min(1).max(100).optional(),
  tolerance_seconds: z.coerce.number().int().min(1).max(86_400).default(300),
});

export type WebhookSignatureConfig = z.output<typeof webhookSignatureConfig>;

/** The webhook trigger's own config: optional signature check and delivery-id dedupe. */
export const webhookTriggerConfig = z
  .object({
    signature: webhookSignatureConfig.optional(),
    /** A header whose value identifies a delivery: a repeat returns the first delivery's run. */
    dedupe_header: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.signature?.scheme === 'hmac' && !config.signature.header) {
      ctx.addIssue({
        code: 'custom',
        path: ['signature', 'header'],
        message: 'The hmac scheme needs the header that carries the signature.',
      });
    }
  });
