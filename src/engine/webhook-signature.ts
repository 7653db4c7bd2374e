import { createHmac, timingSafeEqual } from 'node:crypto';
import { StratoflowError } from '../domain/errors.js';
import type { WebhookSignatureConfig } from '../nodes/triggers/webhook-auth-config.js';

/** What a verified delivery is known by (for replay rejection). */
export interface VerifiedDelivery {
  deliveryId: string;
}

function invalid(message: string): StratoflowError {
  return new StratoflowError('webhook_signature_invalid', message);
}

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  return headers[name.toLowerCase()];
}

function hmac(algorithm: string, key: Buffer | string, content: string): Buffer {
  return createHmac(algorithm, key).update(content, 'utf8').digest();
}

/** Constant-time comparison of a computed MAC with a presented one (decoded as `encoding`). */
function matches(expected: Buffer, presented: string, encoding: 'hex' | 'base64'): boolean {
  const text = presented.trim();
  if (encoding === 'hex' && !/^[0-9a-fA-F]+$/.test(text)) return false;
  const given = Buffer.from(text, encoding);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function checkTimestamp(raw: string | undefined, toleranceSeconds: number, nowMs: number): number {
  if (raw === undefined || !/^\d{1,12}$/.test(raw.trim()))
    throw invalid('The delivery has no signed timestamp.');
  const seconds = Number(raw.trim());
  if (Math.abs(nowMs / 1000 - seconds) > toleranceSeconds) {
    throw invalid(
      `The delivery's signed timestamp is outside the replay window of ${toleranceSeconds} seconds; send a fresh delivery.`,
    );
  }
  return seconds;
}

/** `whsec_<base64>` secrets (standard-webhooks) are base64 keys; anything else is used as text. */
function standardKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

/**
 * Verifies one delivery over its raw body; throws 401 `webhook_signature_invalid` (a message that never
 * contains the secret or the expected signature) when it is missing, wrong or outside the window.
 */
export function verifyWebhookSignature(
  config: WebhookSignatureConfig,
  secret: string,
  rawBody: string,
  headers: Readonly<Record<string, string>>,
  nowMs: number,
): VerifiedDelivery {
  const tolerance = config.tolerance_seconds;
  switch (config.scheme) {
    case 'standard-webhooks': {
      const id = header(headers, 'webhook-id');
      const timestamp = header(headers, 'webhook-timestamp');
      const signatures = header(headers, 'webhook-signature');
      if (!id || !signatures) throw invalid('The delivery has no webhook-id or webhook-signature header.');
      checkTimestamp(timestamp, tolerance, nowMs);
      const expected = hmac('sha256', standardKey(secret), `${id}.${timestamp?.trim()}.${rawBody}`);
      const ok = signatures
        .split(' ')
        .some((entry) => entry.startsWith('v1,') && matches(expected, entry.slice(3), 'base64'));
      if (!ok) throw invalid('The webhook-signature header does not match the body.');
      return { deliveryId: id };
    }
    case 'github': {
      const signature = header(headers, 'x-hub-signature-256');
      if (!signature?.startsWith('sha256=')) throw invalid('The delivery has no X-Hub-Signature-256 header.');
      if (!matches(hmac('sha256', secret, rawBody), signature.slice(7), 'hex'))
        throw invalid('The X-Hub-Signature-256 header does not match the body.');
      // GitHub signs no timestamp: replays are caught by the delivery id (kept 24 hours).
      return { deliveryId: header(headers, 'x-github-delivery') ?? signature };
    }
    case 'stripe': {
      const value = header(headers, 'stripe-signature');
      if (!value) throw invalid('The delivery has no Stripe-Signature header.');
      const parts = value.split(',').map((p) => p.trim().split('='));
      const timestamp = parts.find(([k]) => k === 't')?.[1];
      checkTimestamp(timestamp, tolerance, nowMs);
      const expected = hmac('sha256', secret, `${timestamp}.${rawBody}`);
      const v1 = parts.filter(([k]) => k === 'v1').map(([, v]) => v ?? '');
      if (!v1.some((sig) => matches(expected, sig, 'hex')))
        throw invalid('The Stripe-Signature header does not match the body.');
      return { deliveryId: `${timestamp}:${v1[0]}` };
    }
    case 'hmac': {
      const name = config.header ?? '';
      const presented = header(headers, name);
      if (!presented?.startsWith(config.prefix)) throw invalid(`The delivery has no ${name} header.`);
      let content = rawBody;
      if (config.timestamp_header) {
        const timestamp = header(headers, config.timestamp_header);
        checkTimestamp(timestamp, tolerance, nowMs);
        content = `${timestamp?.trim()}.${rawBody}`;
      }
      const signature = presented.slice(config.prefix.length);
      if (!matches(hmac(config.algorithm, secret, content), signature, config.encoding))
        throw invalid(`The ${name} header does not match the body.`);
      const id = config.id_header ? header(headers, config.id_header) : undefined;
      return { deliveryId: id ?? signature };
    }
  }
}
