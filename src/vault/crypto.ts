/**
 * Envelope encryption of vault items. Each item gets its own random 32-byte data key; the value is
 * encrypted with AES-256-GCM under that data key, and the data key is itself encrypted (wrapped) with
 * AES-256-GCM under the master key. Rotating the master key therefore re-wraps 60 bytes per item and never
 * touches the ciphertext.
 *
 * `aad` (e.g. `org_id:vault_id`) is authenticated with the value: a row copied into another org or item
 * fails to open instead of leaking.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type MasterKey, masterKeyMaterial } from './master-key.js';

/** What the store keeps for one item. All fields are base64 except `keyId`, which is the master key's id. */
export interface SealedSecret {
  ciphertext: string;
  iv: string;
  tag: string;
  wrappedKey: string;
  keyId: string;
}

/** A sealed value could not be opened: wrong master key, wrong aad, or tampered data. Not retryable. */
export class VaultDecryptError extends Error {
  override readonly name = 'VaultDecryptError';
  readonly code = 'vault_decrypt_failed';
  readonly retryable = false;
}

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** First byte of `wrappedKey`, so the wrapping format can change later without guessing. */
const WRAP_FORMAT_V1 = 1;
const WRAPPED_KEY_BYTES = 1 + IV_BYTES + TAG_BYTES + KEY_BYTES;
const VALUE_AAD_LABEL = 'stratoflow:vault-value:v1\u0000';
const WRAP_AAD_LABEL = 'stratoflow:vault-data-key:v1\u0000';

interface GcmBox {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): GcmBox {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Decrypts or returns undefined; callers turn that into a VaultDecryptError with their own context. */
function decrypt(key: Buffer, box: GcmBox, aad: Buffer): Buffer | undefined {
  if (box.iv.length !== IV_BYTES || box.tag.length !== TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, box.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(box.tag);
    return Buffer.concat([decipher.update(box.ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

function wrapDataKey(master: MasterKey, dataKey: Buffer): string {
  const box = encrypt(masterKeyMaterial(master), dataKey, wrapAad(master));
  return Buffer.concat([Buffer.of(WRAP_FORMAT_V1), box.iv, box.tag, box.ciphertext]).toString('base64');
}

function unwrapDataKey(master: MasterKey, sealed: SealedSecret): Buffer {
  if (sealed.keyId !== master.keyId) {
    throw new VaultDecryptError(
      `This vault item was sealed with master key ${sealed.keyId}, but the loaded master key is ${master.keyId}. ` +
        'Start with the master key the vault was written with.',
    );
  }
  const raw = Buffer.from(sealed.wrappedKey, 'base64');
  const dataKey =
    raw.length === WRAPPED_KEY_BYTES && raw[0] === WRAP_FORMAT_V1
      ? decrypt(
          masterKeyMaterial(master),
          {
            iv: raw.subarray(1, 1 + IV_BYTES),
            tag: raw.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES),
            ciphertext: raw.subarray(1 + IV_BYTES + TAG_BYTES),
          },
          wrapAad(master),
        )
      : undefined;
  if (!dataKey) {
    throw new VaultDecryptError(
      `The data key of this vault item does not open with master key ${master.keyId}: the row is corrupt or was altered.`,
    );
  }
  return dataKey;
}

function wrapAad(master: MasterKey): Buffer {
  return Buffer.from(WRAP_AAD_LABEL + master.keyId, 'utf8');
}

function valueAad(aad: string): Buffer {
  return Buffer.from(VALUE_AAD_LABEL + aad, 'utf8');
}

export function sealSecret(master: MasterKey, plaintext: string, aad: string): SealedSecret {
  const dataKey = randomBytes(KEY_BYTES);
  try {
    const box = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), valueAad(aad));
    return {
      ciphertext: box.ciphertext.toString('base64'),
      iv: box.iv.toString('base64'),
      tag: box.tag.toString('base64'),
      wrappedKey: wrapDataKey(master, dataKey),
      keyId: master.keyId,
    };
  } finally {
    dataKey.fill(0);
  }
}

export function openSecret(master: MasterKey, sealed: SealedSecret, aad: string): string {
  const dataKey = unwrapDataKey(master, sealed);
  try {
    const plaintext = decrypt(
      dataKey,
      {
        iv: Buffer.from(sealed.iv, 'base64'),
        tag: Buffer.from(sealed.tag, 'base64'),
        ciphertext: Buffer.from(sealed.ciphertext, 'base64'),
      },
      valueAad(aad),
    );
    if (!plaintext) {
      throw new VaultDecryptError(
        'This vault item does not open: it belongs to another item or organization, or it was altered.',
      );
    }
    return plaintext.toString('utf8');
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Re-wraps the item's data key from `oldMaster` to `newMaster`; ciphertext, iv and tag stay the same.
 * An item already under `newMaster` is returned unchanged, so an interrupted rotation can simply rerun.
 */
export function rewrapSecret(oldMaster: MasterKey, newMaster: MasterKey, sealed: SealedSecret): SealedSecret {
  if (sealed.keyId === newMaster.keyId) return { ...sealed };
  const dataKey = unwrapDataKey(oldMaster, sealed);
  try {
    return { ...sealed, wrappedKey: wrapDataKey(newMaster, dataKey), keyId: newMaster.keyId };
  } finally {
    dataKey.fill(0);
  }
}
