import { describe, expect, it } from 'vitest';
import { openSecret, rewrapSecret, type SealedSecret, sealSecret, VaultDecryptError } from './crypto.js';
import { exportMasterKeyBase64, generateMasterKey, type MasterKey } from './master-key.js';

const AAD = 'org_01hx:vlt_01hx';
const PLAINTEXT = 'sk_live_correct-horse-battery-staple';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decryptFailure(action: () => unknown): VaultDecryptError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultDecryptError);
    return error as VaultDecryptError;
  }
  throw new Error('expected a VaultDecryptError');
}

function expectNoSecretIn(error: Error, master: MasterKey): void {
  const text = `${error.message}\n${error.stack ?? ''}\n${JSON.stringify(error)}`;
  expect(text).not.toContain(PLAINTEXT);
  expect(text).not.toContain(Buffer.from(PLAINTEXT).toString('base64'));
  expect(text).not.toContain(exportMasterKeyBase64(master));
  expect(error.message.length).toBeGreaterThan(20);
}

/** Flips the lowest bit of the first byte of a base64 field. */
function flipFirstBit(field: string): string {
  const bytes = Buffer.from(field, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
}

describe('sealSecret / openSecret', () => {
  const master = generateMasterKey();

  it.each([
    ['ascii', PLAINTEXT],
    ['empty', ''],
    ['unicode', 'pässwörd 🔑 秘密\n\t"quoted"'],
    ['2,000 characters', 'x'.repeat(2_000)],
  ])('round-trips %s', (_label, plaintext) => {
    expect(openSecret(master, sealSecret(master, plaintext, AAD), AAD)).toBe(plaintext);
  });

  it('returns base64 fields and the master keyId, and never the plaintext', () => {
    const sealed = sealSecret(master, PLAINTEXT, AAD);
    expect(sealed.keyId).toBe(master.keyId);
    for (const field of [sealed.ciphertext, sealed.iv, sealed.tag, sealed.wrappedKey]) {
      expect(field).toMatch(BASE64);
    }
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(sealed)).not.toContain(PLAINTEXT);
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).not.toContain('correct-horse');
  });

  it('uses a fresh data key and iv for every item', () => {
    const first = sealSecret(master, PLAINTEXT, AAD);
    const second = sealSecret(master, PLAINTEXT, AAD);
    expect(second.iv).not.toBe(first.iv);
    expect(second.ciphertext).not.toBe(first.ciphertext);
    expect(second.wrappedKey).not.toBe(first.wrappedKey);
  });

  it('refuses a row moved to another org or item (wrong aad)', () => {
    const sealed = sealSecret(master, PLAINTEXT, 'org_a:vlt_1');
    expect(openSecret(master, sealed, 'org_a:vlt_1')).toBe(PLAINTEXT);
    for (const aad of ['org_b:vlt_1', 'org_a:vlt_2', '', 'org_a:vlt_1 ']) {
      expectNoSecretIn(
        decryptFailure(() => openSecret(master, sealed, aad)),
        master,
      );
    }
  });

  it.each(['ciphertext', 'tag', 'iv', 'wrappedKey'] as const)('detects a tampered %s', (field) => {
    const sealed = sealSecret(master, PLAINTEXT, AAD);
    const tampered: SealedSecret = { ...sealed, [field]: flipFirstBit(sealed[field]) };
    expectNoSecretIn(
      decryptFailure(() => openSecret(master, tampered, AAD)),
      master,
    );
  });

  it('rejects a truncated authentication tag', () => {
    const sealed = sealSecret(master, PLAINTEXT, AAD);
    const truncated = { ...sealed, tag: Buffer.from(sealed.tag, 'base64').subarray(0, 4).toString('base64') };
    decryptFailure(() => openSecret(master, truncated, AAD));
  });

  it('rejects a truncated or garbage wrapped key', () => {
    const sealed = sealSecret(master, PLAINTEXT, AAD);
    decryptFailure(() => openSecret(master, { ...sealed, wrappedKey: sealed.wrappedKey.slice(0, 20) }, AAD));
    decryptFailure(() => openSecret(master, { ...sealed, wrappedKey: 'not base64 at all!' }, AAD));
  });

  it('rejects the wrong master key, naming both key ids', () => {
    const other = generateMasterKey();
    const sealed = sealSecret(master, PLAINTEXT, AAD);
    const error = decryptFailure(() => openSecret(other, sealed, AAD));
    expect(error.message).toContain(master.keyId);
    expect(error.message).toContain(other.keyId);
    expectNoSecretIn(error, master);
  });

  it('rejects the wrong master key even when the row claims its keyId', () => {
    const other = generateMasterKey();
    const sealed = { ...sealSecret(master, PLAINTEXT, AAD), keyId: other.keyId };
    expectNoSecretIn(
      decryptFailure(() => openSecret(other, sealed, AAD)),
      other,
    );
  });

  it('marks decrypt failures as not retryable with a stable code', () => {
    const error = decryptFailure(() => openSecret(master, sealSecret(master, PLAINTEXT, AAD), 'other'));
    expect(error.code).toBe('vault_decrypt_failed');
    expect(error.retryable).toBe(false);
    expect(error.name).toBe('VaultDecryptError');
  });
});

describe('rewrapSecret', () => {
  const oldMaster = generateMasterKey();
  const newMaster = generateMasterKey();

  it('re-wraps only the data key; the new master opens it and the old one no longer does', () => {
    const sealed = sealSecret(oldMaster, PLAINTEXT, AAD);
    const rewrapped = rewrapSecret(oldMaster, newMaster, sealed);
    expect(rewrapped.ciphertext).toBe(sealed.ciphertext);
    expect(rewrapped.iv).toBe(sealed.iv);
    expect(rewrapped.tag).toBe(sealed.tag);
    expect(rewrapped.wrappedKey).not.toBe(sealed.wrappedKey);
    expect(rewrapped.keyId).toBe(newMaster.keyId);
    expect(openSecret(newMaster, rewrapped, AAD)).toBe(PLAINTEXT);
    decryptFailure(() => openSecret(oldMaster, rewrapped, AAD));
    decryptFailure(() => openSecret(oldMaster, { ...rewrapped, keyId: oldMaster.keyId }, AAD));
  });

  it('leaves an item already under the new key unchanged, so a rotation can be rerun', () => {
    const rewrapped = rewrapSecret(oldMaster, newMaster, sealSecret(oldMaster, PLAINTEXT, AAD));
    const again = rewrapSecret(oldMaster, newMaster, rewrapped);
    expect(again).toEqual(rewrapped);
    expect(openSecret(newMaster, again, AAD)).toBe(PLAINTEXT);
  });

  it('refuses to re-wrap with the wrong old key', () => {
    const stranger = generateMasterKey();
    const sealed = sealSecret(oldMaster, PLAINTEXT, AAD);
    decryptFailure(() => rewrapSecret(stranger, newMaster, sealed));
    decryptFailure(() => rewrapSecret(stranger, newMaster, { ...sealed, keyId: stranger.keyId }));
  });

  it('does not modify the row it was given', () => {
    const sealed = sealSecret(oldMaster, PLAINTEXT, AAD);
    const copy = { ...sealed };
    rewrapSecret(oldMaster, newMaster, sealed);
    expect(sealed).toEqual(copy);
  });
});
