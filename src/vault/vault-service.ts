/**
 * The organization's vault: creating, renaming, replacing and deleting items. Values are sealed here
 * (aad `org_id:vault_id`) before they reach the store and are never handed back. An item named
 * `api-key:...` gets a freshly minted workflow API key instead of a value: returned once, stored as a hash.
 */
import { notFound, StratoflowError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { type Clock, formatTimestamp, parseTimestamp } from '../domain/time.js';
import type { VaultItemRecord } from '../domain/vault.js';
import type { Store } from '../store/store.js';
import { mintWorkflowApiKey } from './api-key.js';
import { sealSecret } from './crypto.js';
import type { MasterKey } from './master-key.js';

export const API_KEY_NAME_PREFIX = 'api-key:';
export const VAULT_NAME_MIN = 3;
export const VAULT_NAME_MAX = 50;
export const VAULT_SECRET_MAX = 2_000;

export type VaultStore = Pick<
  Store,
  'createVaultItem' | 'updateVaultItem' | 'getVaultItem' | 'listVaultItems' | 'deleteVaultItem'
>;

export interface VaultServiceDeps {
  store: VaultStore;
  masterKey: MasterKey;
  clock: Clock;
}

/** What a client sends to create or replace an item (already shaped by the route schema). */
export interface VaultItemInput {
  name: string;
  secret?: string | null | undefined;
  expires_at?: string | null | undefined;
}

/** The additional authenticated data binding a sealed value to its org and item. */
export function vaultAad(orgId: string, vaultId: string): string {
  return `${orgId}:${vaultId}`;
}

export function isApiKeyName(name: string): boolean {
  return name.startsWith(API_KEY_NAME_PREFIX);
}

export function createVaultService(deps: VaultServiceDeps) {
  const { store, masterKey, clock } = deps;

  function expiry(value: string | null | undefined): number | null {
    if (value === undefined || value === null) return null;
    const at = parseTimestamp(value);
    if (at === null) {
      throw new StratoflowError(
        'parameter_invalid',
        "The 'expires_at' parameter must be an ISO-8601 date-time such as 2026-10-31T10:00:00Z.",
        'expires_at',
      );
    }
    if (at <= clock.now()) {
      throw new StratoflowError(
        'parameter_invalid',
        `The 'expires_at' parameter must be in the future; ${formatTimestamp(at)} has passed.`,
        'expires_at',
      );
    }
    return at;
  }

  function requireSecret(secret: string | null | undefined): string {
    if (secret === undefined || secret === null || secret === '') {
      throw new StratoflowError(
        'parameter_missing',
        "The 'secret' parameter is required for this request.",
        'secret',
      );
    }
    return secret;
  }

  function nameTaken(name: string): StratoflowError {
    return new StratoflowError(
      'vault_name_taken',
      `The organization already has a vault item named '${name}'. Choose another name, or update that item.`,
      'name',
    );
  }

  async function get(orgId: string, id: string): Promise<VaultItemRecord> {
    const item = await store.getVaultItem(orgId, id);
    if (!item) throw notFound('Vault item');
    return item;
  }

  return {
    list: (orgId: string) => store.listVaultItems(orgId),
    get,

    /** Creates an item. For `api-key:` names, `apiKey` is the minted key: the only time it is shown. */
    async create(
      orgId: string,
      input: VaultItemInput,
    ): Promise<{ item: VaultItemRecord; apiKey: string | null }> {
      const expiresAt = expiry(input.expires_at);
      const now = clock.now();
      const id = newId('vault');
      const base = { id, orgId, name: input.name, expiresAt, createdAt: now, updatedAt: now };
      if (isApiKeyName(input.name)) {
        // The key is generated (spec §1.7): a sent value would be silently dropped, so it is refused.
        if (input.secret !== undefined && input.secret !== null && input.secret !== '') {
          throw new StratoflowError(
            'parameter_invalid',
            `An '${API_KEY_NAME_PREFIX}' item's value is a workflow API key Stratoflow generates (returned once as \`secret\` in the answer): leave out 'secret'.`,
            'secret',
          );
        }
        const minted = mintWorkflowApiKey();
        const item: VaultItemRecord = { ...base, sealed: null };
        const apiKey = {
          id,
          orgId,
          vaultId: id,
          keyHash: minted.hash,
          keyPrefix: minted.prefix,
          createdAt: now,
        };
        if (!(await store.createVaultItem(item, apiKey))) throw nameTaken(input.name);
        return { item, apiKey: minted.key };
      }
      const secret = requireSecret(input.secret);
      const item: VaultItemRecord = { ...base, sealed: sealSecret(masterKey, secret, vaultAad(orgId, id)) };
      if (!(await store.createVaultItem(item, null))) throw nameTaken(input.name);
      return { item, apiKey: null };
    },

    /** Replaces name, secret and expiry. An `api-key:` item keeps its key: only name and expiry change. */
    async update(orgId: string, id: string, input: VaultItemInput): Promise<VaultItemRecord> {
      const current = await get(orgId, id);
      const expiresAt = expiry(input.expires_at);
      const wasApiKey = current.sealed === null;
      if (wasApiKey !== isApiKeyName(input.name)) {
        throw new StratoflowError(
          'parameter_invalid',
          wasApiKey
            ? `This item holds a workflow API key: its name must keep the '${API_KEY_NAME_PREFIX}' prefix.`
            : `A name starting with '${API_KEY_NAME_PREFIX}' mints a workflow API key: create a new item for that.`,
          'name',
        );
      }
      let sealed = current.sealed;
      if (wasApiKey) {
        if (input.secret !== undefined && input.secret !== null) {
          throw new StratoflowError(
            'parameter_invalid',
            'The value of an api-key item is generated and cannot be set. Delete the item and create it again for a new key.',
            'secret',
          );
        }
      } else {
        sealed = sealSecret(masterKey, requireSecret(input.secret), vaultAad(orgId, id));
      }
      const updated: VaultItemRecord = {
        ...current,
        name: input.name,
        sealed,
        expiresAt,
        updatedAt: clock.now(),
      };
      const result = await store.updateVaultItem(updated);
      if (result === 'name_taken') throw nameTaken(input.name);
      if (result === 'not_found') throw notFound('Vault item');
      return updated;
    },

    async remove(orgId: string, id: string): Promise<void> {
      if (!(await store.deleteVaultItem(orgId, id))) throw notFound('Vault item');
    },
  };
}

export type VaultService = ReturnType<typeof createVaultService>;
