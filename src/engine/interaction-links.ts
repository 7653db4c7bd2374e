import { createHmac, hash } from 'node:crypto';
import { randomString } from '../domain/random-pool.js';

/**
 * One-time links of interactions. A link's token is derived from the run's random `linkKey` and the node
 * id, so it is fixed from the run's start (a node before the form can already send it) and unguessable
 * without the key, which never leaves the database. Only the token's sha256 is looked up.
 */
export const LINK_PREFIX = 'frm_';

/** 128 random bits: a short key (it is stored in every run's state) that still cannot be guessed. */
export function newLinkKey(): string {
  return randomString(16, 'base64url');
}

export function linkToken(linkKey: string, nodeId: string): string {
  return LINK_PREFIX + createHmac('sha256', linkKey).update(nodeId).digest('base64url');
}

export function linkHash(token: string): string {
  return hash('sha256', token, 'hex');
}

/** Where the link's page is served (see api/routes/form-page.ts). */
export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/forms/${token}`;
}
