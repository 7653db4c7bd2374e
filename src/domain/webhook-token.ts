import { hash } from 'node:crypto';
import { ID_PREFIX, newSecretId } from './ids.js';

/**
 * Webhook tokens are bearer secrets in a URL. Only their SHA-256 is stored (they are 130 random bits,
 * so a fast hash is enough), plus the last four characters to recognise a URL by. The full URL is shown
 * once, when the token is created or rotated.
 */
export interface IssuedWebhookToken {
  token: string;
  hash: string;
  hint: string;
}

export function hashWebhookToken(token: string): string {
  return hash('sha256', token, 'hex');
}

export function webhookTokenHint(token: string): string {
  return token.slice(-4);
}

export function issueWebhookToken(): IssuedWebhookToken {
  const token = newSecretId('webhookToken');
  return { token, hash: hashWebhookToken(token), hint: webhookTokenHint(token) };
}

/** What a stored token is shown as after creation: a placeholder that names its last characters. */
export function maskedWebhookToken(hint: string | null): string {
  return `${ID_PREFIX.webhookToken}****${hint ?? ''}`;
}
