import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import { randomByte } from './random-pool.js';

/** Prefixes of every id Stratoflow mints (spec §5.1). */
export const ID_PREFIX = {
  workflow: 'fl_',
  run: 'fl_run_',
  log: 'fl_log_',
  vault: 'vlt_',
  authorization: 'auth_',
  user: 'usr_',
  webhookToken: 'whsec_',
  workflowKey: 'wfk_',
  version: 'flv_',
  runFile: 'file_',
  shortLink: 'lnk_',
  interaction: 'fl_int_',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

/**
 * ulid's default source asks node:crypto for a few bytes per character; drawing them from the random
 * pool keeps id generation off the hot path's profile.
 */
const nextUlid = monotonicFactory(() => randomByte() / 256);

/** A new id: prefix + 26 lowercase, time-sortable ULID characters. */
export function newId(kind: IdKind): string {
  return ID_PREFIX[kind] + nextUlid().toLowerCase();
}

/**
 * Loose id check: the prefix and a lowercase alphanumeric body. The documentation's own example ids
 * are not strict ULIDs, so we accept any such body rather than decoding it.
 */
export function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${ID_PREFIX[kind]}[0-9a-z]{6,64}$`);
}

const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A new unguessable id (webhook tokens): prefix + 26 characters from 130 random bits. ULIDs are not
 * used here because a monotonic ULID's successor is predictable.
 */
export function newSecretId(kind: IdKind): string {
  const bytes = randomBytes(26);
  let body = '';
  for (const byte of bytes) body += BASE32[byte & 31];
  return ID_PREFIX[kind] + body;
}
