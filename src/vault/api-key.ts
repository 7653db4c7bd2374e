/**
 * Workflow API keys (`wfk_...`), minted for vault items named `api-key:...` and shown once. Only the hash
 * is stored. A plain sha256 is enough because the key carries 200 random bits: there is nothing to guess,
 * so a slow password hash would only cost latency on every synchronous API call.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const WORKFLOW_API_KEY_PREFIX = 'wfk_';
/** Lowercase RFC 4648 base32 alphabet: URL- and header-safe; 25 bytes encode to 40 characters, no padding. */
const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const RANDOM_BYTES = 25; // 200 bits -> exactly 40 base32 characters
const DISPLAY_PREFIX_LENGTH = 8;
const KEY_PATTERN = /^wfk_[a-z2-7]{40}$/;
const HASH_PATTERN = /^[0-9a-f]{64}$/;

export interface MintedWorkflowApiKey {
  /** The full key: show it to the user once, then forget it. */
  key: string;
  /** sha256 hex of `key`: the only thing to store. */
  hash: string;
  /** The first 8 characters after `wfk_`: safe to store and show ("wfk_abcdefgh..."). */
  prefix: string;
}

export function mintWorkflowApiKey(): MintedWorkflowApiKey {
  const key = WORKFLOW_API_KEY_PREFIX + encodeBase32(randomBytes(RANDOM_BYTES));
  return { key, hash: hashWorkflowApiKey(key), prefix: workflowApiKeyDisplayPrefix(key) };
}

export function hashWorkflowApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** True when `key` hashes to `hash`. Compares in constant time; a malformed hash is simply false. */
export function verifyWorkflowApiKey(key: string, hash: string): boolean {
  if (typeof key !== 'string' || typeof hash !== 'string' || !HASH_PATTERN.test(hash)) return false;
  return timingSafeEqual(Buffer.from(hashWorkflowApiKey(key), 'hex'), Buffer.from(hash, 'hex'));
}

/** Whether a presented credential has the shape of a workflow API key (cheap check before any lookup). */
export function isWorkflowApiKey(candidate: string): boolean {
  return KEY_PATTERN.test(candidate);
}

function workflowApiKeyDisplayPrefix(key: string): string {
  return key.slice(WORKFLOW_API_KEY_PREFIX.length, WORKFLOW_API_KEY_PREFIX.length + DISPLAY_PREFIX_LENGTH);
}

function encodeBase32(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      output += BASE32_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return output;
}
