import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids.js';
import type { VaultItemRecord } from '../domain/vault.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { openSecret, rewrapSecret, sealSecret } from './crypto.js';
import {
  exportMasterKeyBase64,
  generateMasterKey,
  loadMasterKey,
  type MasterKey,
  readMasterKeyFile,
  writeMasterKeyFile,
} from './master-key.js';
import { PENDING_MASTER_KEY_FILE_NAME, rotateMasterKey } from './rotate.js';
import { vaultAad } from './vault-service.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stratoflow-rotate-unit-'));
  store = await openStore({ databaseUrl: null, dataDir: dir });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function saveItem(master: MasterKey, value: string): Promise<VaultItemRecord> {
  const id = newId('vault');
  const item: VaultItemRecord = {
    id,
    orgId: 'org_a',
    name: `item_${id.slice(-6)}`,
    sealed: sealSecret(master, value, vaultAad('org_a', id)),
    expiresAt: null,
    createdAt: 1,
    updatedAt: 1,
  };
  await store.createVaultItem(item, null);
  return item;
}

async function openedValue(master: MasterKey, item: VaultItemRecord): Promise<string> {
  const saved = await store.getVaultItem('org_a', item.id);
  return openSecret(master, saved?.sealed as never, vaultAad('org_a', item.id));
}

describe('rotateMasterKey (key file mode)', () => {
  it('finishes an interrupted rotation: reuses master.key.next and skips rows already under it', async () => {
    const old = loadMasterKey({ dataDir: dir });
    const a = await saveItem(old, 'value-a');
    const b = await saveItem(old, 'value-b');
    // Interrupted after the commit, before the rename: rows under the next key, the file beside.
    const next = generateMasterKey();
    writeMasterKeyFile(join(dir, PENDING_MASTER_KEY_FILE_NAME), next);
    await store.rewrapSealedValues((sealed) => rewrapSecret(old, next, sealed));
    // Meanwhile a server started with the old key wrote another item.
    const c = await saveItem(old, 'value-c');

    const result = await rotateMasterKey({ store, dataDir: dir, currentKeyEnv: null });
    expect(result).toMatchObject({ oldKeyId: old.keyId, newKeyId: next.keyId, vaultItems: 3 });
    expect(existsSync(join(dir, PENDING_MASTER_KEY_FILE_NAME))).toBe(false);
    expect(readMasterKeyFile(join(dir, 'master.key'))?.keyId).toBe(next.keyId);
    expect([await openedValue(next, a), await openedValue(next, b), await openedValue(next, c)]).toEqual([
      'value-a',
      'value-b',
      'value-c',
    ]);
  });

  it('rolls everything back when one row was sealed under an unknown key', async () => {
    const old = loadMasterKey({ dataDir: dir });
    const good = await saveItem(old, 'value-good');
    await saveItem(generateMasterKey(), 'value-foreign');
    const keyBefore = readFileSync(join(dir, 'master.key'), 'utf8');

    await expect(rotateMasterKey({ store, dataDir: dir, currentKeyEnv: null })).rejects.toThrow(
      /sealed with master key [0-9a-f]{8}/,
    );
    expect(await openedValue(old, good)).toBe('value-good');
    expect(readFileSync(join(dir, 'master.key'), 'utf8')).toBe(keyBefore);
  });

  it('refuses a "new" key that is the current one, and a key that disagrees with master.key.next', async () => {
    const old = loadMasterKey({ dataDir: dir });
    await expect(
      rotateMasterKey({ store, dataDir: dir, currentKeyEnv: null, newKey: exportMasterKeyBase64(old) }),
    ).rejects.toThrow(/is the current one/);
    rmSync(join(dir, PENDING_MASTER_KEY_FILE_NAME), { force: true });

    writeMasterKeyFile(join(dir, PENDING_MASTER_KEY_FILE_NAME), generateMasterKey());
    await expect(
      rotateMasterKey({
        store,
        dataDir: dir,
        currentKeyEnv: null,
        newKey: exportMasterKeyBase64(generateMasterKey()),
      }),
    ).rejects.toThrow(/interrupted rotation/);
  });

  it('refuses a master.key.next readable by others', async () => {
    loadMasterKey({ dataDir: dir });
    const pending = join(dir, PENDING_MASTER_KEY_FILE_NAME);
    writeFileSync(pending, `${exportMasterKeyBase64(generateMasterKey())}\n`, { mode: 0o644 });
    await expect(rotateMasterKey({ store, dataDir: dir, currentKeyEnv: null })).rejects.toThrow(
      /accessible to other users/,
    );
  });
});
