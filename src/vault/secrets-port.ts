/**
 * The engine's SecretsPort: loads, once per run, the vault items a definition refers to, decrypts them
 * and registers every value with the run's redactor before anything can use it. Reading an item is
 * checked at the moment of use: an unknown, expired or undecryptable item throws a coded error that
 * fails the node with a sentence naming the item (never its value).
 */
import { StratoflowError } from '../domain/errors.js';
import { createRedactor } from '../domain/redactor.js';
import { type Clock, formatTimestamp } from '../domain/time.js';
import type { VaultItemRecord } from '../domain/vault.js';
import type { RunSecrets, SecretReferences, SecretsPort } from '../engine/secrets.js';
import type { Store } from '../store/store.js';
import { openSecret, VaultDecryptError } from './crypto.js';
import type { MasterKey } from './master-key.js';
import { vaultAad } from './vault-service.js';

export interface SecretsPortDeps {
  store: Pick<Store, 'findVaultItems'>;
  masterKey: MasterKey;
  clock: Clock;
}

/** A loaded item: its value, or why it cannot be read. */
interface Entry {
  item: VaultItemRecord;
  value: string | null;
  problem: StratoflowError | null;
}

/** `vlt_...` written literally in a node's text (the same shape the engine scans definitions for). */
const ID_REF = /\bvlt_[0-9a-z]{6,64}\b/g;

export function createSecretsPort(deps: SecretsPortDeps): SecretsPort {
  const { store, masterKey, clock } = deps;

  function open(item: VaultItemRecord): Entry {
    if (!item.sealed) {
      const problem = new StratoflowError(
        'vault_item_not_found',
        `Vault item '${item.name}' holds a workflow API key, whose value is never readable, not even by workflows.`,
      );
      return { item, value: null, problem };
    }
    try {
      return {
        item,
        value: openSecret(masterKey, item.sealed, vaultAad(item.orgId, item.id)),
        problem: null,
      };
    } catch (error) {
      if (!(error instanceof VaultDecryptError)) throw error;
      const problem = new StratoflowError(
        'vault_decrypt_failed',
        `Vault item '${item.name}' could not be decrypted: ${error.message}`,
      );
      return { item, value: null, problem };
    }
  }

  function reveal(entry: Entry): string {
    const { item } = entry;
    if (item.expiresAt !== null && clock.now() >= item.expiresAt) {
      throw new StratoflowError(
        'vault_item_expired',
        `Vault item '${item.name}' expired at ${formatTimestamp(item.expiresAt)}. Update it with a new secret and expires_at.`,
      );
    }
    if (entry.problem || entry.value === null) throw entry.problem;
    return entry.value;
  }

  return {
    async load(orgId: string, refs: SecretReferences): Promise<RunSecrets> {
      const items = await store.findVaultItems(orgId, refs.names, refs.ids);
      const redactor = createRedactor();
      const byName = new Map<string, Entry>();
      const byId = new Map<string, Entry>();
      for (const item of items) {
        const entry = open(item);
        // Registered even when expired: the value must not leak through any other path.
        if (entry.value !== null) redactor.register(entry.value);
        byName.set(item.name, entry);
        byId.set(item.id, entry);
      }

      // Non-enumerable getters: `{{ vault | json }}` cannot dump every value, and a read is checked
      // (expiry) at the moment a template uses it.
      const scope: Record<string, unknown> = {};
      for (const name of refs.names) {
        Object.defineProperty(scope, name, {
          enumerable: false,
          get() {
            const entry = byName.get(name);
            if (!entry) {
              throw new StratoflowError(
                'vault_item_not_found',
                `Vault item '${name}' does not exist in this organization. Create it, or correct the name.`,
              );
            }
            return reveal(entry);
          },
        });
      }

      return {
        scope,
        resolveRefs(text: string): string {
          return text.replace(ID_REF, (id) => {
            const entry = refs.ids.includes(id) ? byId.get(id) : undefined;
            if (!entry) {
              throw new StratoflowError(
                'vault_item_not_found',
                `Vault item ${id} does not exist in this organization (only vlt_ ids written in the workflow itself are resolved).`,
              );
            }
            return reveal(entry);
          });
        },
        redact: <T>(value: T): T => redactor.redactDeep(value),
        register: (value: string) => redactor.register(value),
      };
    },
  };
}
