/**
 * Master key rotation (`stratoflow vault rotate-key`). Every sealed value's data key is re-wrapped from
 * the current master key to a new one in ONE database transaction; ciphertexts do not change.
 *
 * Key file mode (no STRATOFLOW_MASTER_KEY): the new key is first written beside the current one as
 * `master.key.next` (mode 0600, synced), then the transaction commits, then `master.key.next` is renamed
 * over `master.key` (atomic). Interrupted anywhere, a rerun finishes the job: it reuses `master.key.next`,
 * and items already under the new key are left as they are.
 *
 * Environment mode (STRATOFLOW_MASTER_KEY set): no file is touched. The new key comes from another
 * variable (`newKey`) or is generated and handed to `onGeneratedKey` BEFORE the transaction commits, so
 * it can never be lost to a crash after the commit.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/store.js';
import { rewrapSecret } from './crypto.js';
import {
  exportMasterKeyBase64,
  generateMasterKey,
  loadMasterKey,
  MASTER_KEY_FILE_NAME,
  type MasterKey,
  readMasterKeyFile,
  replaceMasterKeyFile,
  writeMasterKeyFile,
} from './master-key.js';

export const PENDING_MASTER_KEY_FILE_NAME = 'master.key.next';

export interface RotateOptions {
  store: Pick<Store, 'rewrapSealedValues'>;
  dataDir: string;
  /** STRATOFLOW_MASTER_KEY, when the key comes from the environment. */
  currentKeyEnv: string | null;
  /** The new key (base64 of 32 bytes) chosen by the operator; absent: generate one. */
  newKey?: string | undefined;
  /** Environment mode with a generated key: receives it (base64) before the commit, to show it once. */
  onGeneratedKey?: (base64: string) => void;
}

export interface RotateResult {
  oldKeyId: string;
  newKeyId: string;
  vaultItems: number;
  authorizations: number;
  /** Where the new key now lives: the key file, or nowhere but the operator's hands. */
  keyFile: string | null;
}

export async function rotateMasterKey(options: RotateOptions): Promise<RotateResult> {
  const fromEnv = options.currentKeyEnv !== null && options.currentKeyEnv.trim() !== '';
  const keyFile = join(options.dataDir, MASTER_KEY_FILE_NAME);
  const pendingFile = join(options.dataDir, PENDING_MASTER_KEY_FILE_NAME);
  const current = fromEnv
    ? loadMasterKey({ env: options.currentKeyEnv ?? undefined, dataDir: options.dataDir })
    : readMasterKeyFile(keyFile);
  if (!current) {
    throw new Error(
      `No master key at ${keyFile} and STRATOFLOW_MASTER_KEY is not set: there is no vault to rotate.`,
    );
  }
  const next = fromEnv ? newEnvKey(options) : newFileKey(options.newKey, pendingFile, options.dataDir);
  if (next.keyId === current.keyId) {
    throw new Error(`The new master key is the current one (${current.keyId}). Choose a different key.`);
  }
  const counts = await options.store.rewrapSealedValues((sealed) => rewrapSecret(current, next, sealed));
  if (!fromEnv) replaceMasterKeyFile(pendingFile, keyFile);
  return { oldKeyId: current.keyId, newKeyId: next.keyId, ...counts, keyFile: fromEnv ? null : keyFile };
}

function parseKey(value: string, dataDir: string): MasterKey {
  return loadMasterKey({ env: value, dataDir });
}

function newEnvKey(options: RotateOptions): MasterKey {
  if (options.newKey !== undefined) return parseKey(options.newKey, options.dataDir);
  const generated = generateMasterKey();
  options.onGeneratedKey?.(exportMasterKeyBase64(generated));
  return generated;
}

/** The key waiting in `master.key.next` (an interrupted rotation), else a new one written there. */
function newFileKey(newKey: string | undefined, pendingFile: string, dataDir: string): MasterKey {
  const chosen = newKey === undefined ? undefined : parseKey(newKey, dataDir);
  const pending = existsSync(pendingFile) ? readMasterKeyFile(pendingFile) : undefined;
  if (pending) {
    if (chosen && chosen.keyId !== pending.keyId) {
      throw new Error(
        `${pendingFile} holds key ${pending.keyId} from an interrupted rotation, not the key given (${chosen.keyId}). Rerun without a new key to finish that rotation first.`,
      );
    }
    return pending;
  }
  const next = chosen ?? generateMasterKey();
  writeMasterKeyFile(pendingFile, next);
  return next;
}
