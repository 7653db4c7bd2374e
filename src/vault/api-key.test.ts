import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashWorkflowApiKey, isWorkflowApiKey, mintWorkflowApiKey, verifyWorkflowApiKey } from './api-key.js';

describe('mintWorkflowApiKey', () => {
  it('mints wfk_ + 40 lowercase base32 characters, its sha256 hash and a display prefix', () => {
    const { key, hash, prefix } = mintWorkflowApiKey();
    expect(key).toMatch(/^wfk_[a-z2-7]{40}$/);
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(prefix).toBe(key.slice(4, 12));
    expect(prefix).toHaveLength(8);
    expect(isWorkflowApiKey(key)).toBe(true);
  });

  it('is random: distinct keys that use the whole alphabet', () => {
    const keys = Array.from({ length: 200 }, () => mintWorkflowApiKey().key);
    expect(new Set(keys).size).toBe(keys.length);
    const seen = new Set(keys.join('').replace(/wfk_/g, ''));
    expect([...seen].sort().join('')).toBe('234567abcdefghijklmnopqrstuvwxyz');
  });
});

describe('verifyWorkflowApiKey', () => {
  const { key, hash } = mintWorkflowApiKey();

  it('accepts the key that produced the hash', () => {
    expect(verifyWorkflowApiKey(key, hash)).toBe(true);
    expect(verifyWorkflowApiKey(key, hashWorkflowApiKey(key))).toBe(true);
  });

  it('rejects another key, a near miss and an empty key', () => {
    expect(verifyWorkflowApiKey(mintWorkflowApiKey().key, hash)).toBe(false);
    const lastChar = key.endsWith('a') ? 'b' : 'a';
    expect(verifyWorkflowApiKey(key.slice(0, -1) + lastChar, hash)).toBe(false);
    expect(verifyWorkflowApiKey('', hash)).toBe(false);
  });

  it('returns false for a malformed hash instead of throwing', () => {
    for (const bad of ['', 'abc', hash.slice(0, 62), `${hash}00`, 'z'.repeat(64), hash.toUpperCase()]) {
      expect(verifyWorkflowApiKey(key, bad)).toBe(false);
    }
  });
});

describe('isWorkflowApiKey', () => {
  it.each([
    '',
    'wfk_',
    'wfk_short',
    `fl_${'a'.repeat(40)}`,
    `wfk_${'A'.repeat(40)}`,
    `wfk_${'a'.repeat(41)}`,
  ])('rejects %j', (candidate) => {
    expect(isWorkflowApiKey(candidate)).toBe(false);
  });
});
