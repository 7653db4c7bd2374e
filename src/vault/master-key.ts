/**
 * The master key wraps every vault item's data key (envelope encryption, see crypto.ts). It comes from
 * `STRATOFLOW_MASTER_KEY` (base64 of 32 bytes) or, in the embedded default, from `<dataDir>/master.key`,
 * created on first use with mode 0600. It is never stored in the database; only its `keyId` is.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

export const MASTER_KEY_BYTES = 32;
export const MASTER_KEY_FILE_NAME = 'master.key';
const GENERATE_HINT = 'Generate one with: openssl rand -base64 32';

/** A loaded master key. Printing, logging or serialising it shows only `keyId`. */
export interface MasterKey {
  /** First 8 hex characters of sha256(key): identifies the key, safe to store beside sealed rows. */
  readonly keyId: string;
  toJSON(): { keyId: string };
}

/** Key material by MasterKey object: only this module can read it, so no property ever exposes it. */
const materialByKey = new WeakMap<MasterKey, Buffer>();

/** Wraps 32 bytes of key material (copied) in a MasterKey. */
export function createMasterKey(material: Uint8Array): MasterKey {
  if (material.length !== MASTER_KEY_BYTES) {
    throw new Error(`A master key must be exactly ${MASTER_KEY_BYTES} bytes, got ${material.length}.`);
  }
  const copy = Buffer.from(material);
  const keyId = createHash('sha256').update(copy).digest('hex').slice(0, 8);
  const masterKey: MasterKey = Object.freeze({
    keyId,
    toJSON: () => ({ keyId }),
    toString: () => `MasterKey(${keyId})`,
    [inspect.custom]: () => `MasterKey { keyId: '${keyId}' }`,
  });
  materialByKey.set(masterKey, copy);
  return masterKey;
}

/** A new random master key (for `vault rotate-key`). */
export function generateMasterKey(): MasterKey {
  return createMasterKey(randomBytes(MASTER_KEY_BYTES));
}

/**
 * The raw key material, for the vault's own crypto and for showing a newly generated key to the operator
 * once (`exportMasterKeyBase64`). Not re-exported from the vault's index.
 */
export function masterKeyMaterial(masterKey: MasterKey): Buffer {
  const material = materialByKey.get(masterKey);
  if (!material) throw new Error('Not a MasterKey made by loadMasterKey/createMasterKey.');
  return material;
}

/** Base64 of the key, in the form STRATOFLOW_MASTER_KEY and master.key expect. Handle with care. */
export function exportMasterKeyBase64(masterKey: MasterKey): string {
  return masterKeyMaterial(masterKey).toString('base64');
}

export interface LoadMasterKeyOptions {
  /** Value of STRATOFLOW_MASTER_KEY; undefined or empty means "use the key file". */
  env?: string | undefined;
  /** Data folder holding master.key in the embedded default. */
  dataDir: string;
}

export function loadMasterKey(options: LoadMasterKeyOptions): MasterKey {
  if (options.env !== undefined && options.env.trim() !== '') {
    return createMasterKey(decodeKey(options.env, 'STRATOFLOW_MASTER_KEY'));
  }
  return createMasterKey(readOrCreateKeyFile(join(options.dataDir, MASTER_KEY_FILE_NAME)));
}

const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

/** Decodes base64 (or base64url) of exactly 32 bytes. Errors name the source, never the value. */
function decodeKey(encoded: string, source: string): Buffer {
  const trimmed = encoded.trim();
  if (!BASE64_PATTERN.test(trimmed)) {
    throw new Error(
      `${source} is not valid base64. It must be the base64 of 32 random bytes. ${GENERATE_HINT}`,
    );
  }
  const decoded = Buffer.from(
    trimmed,
    trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64',
  );
  if (decoded.length !== MASTER_KEY_BYTES) {
    throw new Error(
      `${source} decodes to ${decoded.length} bytes; it must be the base64 of exactly ${MASTER_KEY_BYTES} bytes. ${GENERATE_HINT}`,
    );
  }
  return decoded;
}

/** The key in a key file (same checks as at start-up), or undefined when the file does not exist. */
export function readMasterKeyFile(path: string): MasterKey | undefined {
  const material = readKeyFile(path);
  return material ? createMasterKey(material) : undefined;
}

/** Writes `masterKey` to a new file at `path` (mode 0600, synced); fails if `path` exists. */
export function writeMasterKeyFile(path: string, masterKey: MasterKey): void {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    writeSync(fd, `${exportMasterKeyBase64(masterKey)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Atomically replaces the key file at `to` with the one at `from` (rename), and syncs the folder. */
export function replaceMasterKeyFile(from: string, to: string): void {
  renameSync(from, to);
  syncDirectory(join(to, '..'));
}

function readOrCreateKeyFile(path: string): Buffer {
  const existing = readKeyFile(path);
  if (existing) return existing;
  const created = createKeyFileExclusively(path);
  // Losing the race to another process is fine: read the key it wrote.
  return created ?? readKeyFile(path) ?? failMissing(path);
}

/** The key in `path`, or undefined when the file does not exist. Refuses group/other-accessible files. */
function readKeyFile(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  try {
    // fstat on the open descriptor: the file checked is the file read.
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error(`The master key path ${path} is not a regular file.`);
    if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0) {
      const shown = (stats.mode & 0o777).toString(8).padStart(3, '0');
      throw new Error(
        `The master key file ${path} is accessible to other users (mode ${shown}). Run: chmod 600 ${path}`,
      );
    }
    return decodeKey(readFileSync(fd, 'utf8'), `The master key file ${path}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a fresh key to a private temporary file, then hard-links it to `path`. `link` fails with EEXIST
 * when `path` exists (the same guarantee as O_EXCL), and the file appears complete or not at all, so
 * concurrent first starts end with exactly one key. Returns undefined when another process won.
 */
function createKeyFileExclusively(path: string): Buffer | undefined {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const material = randomBytes(MASTER_KEY_BYTES);
  const tempPath = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tempPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    writeSync(fd, `${material.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tempPath, path);
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) return undefined;
    throw error;
  } finally {
    unlinkSync(tempPath);
  }
  syncDirectory(dir);
  return material;
}

/** Makes the new directory entry durable; best effort because not every platform can fsync a folder. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Durability of the directory entry is an optimisation here; the key file itself is already synced.
  }
}

function failMissing(path: string): never {
  throw new Error(`The master key file ${path} vanished while it was being created. Start again.`);
}

function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
