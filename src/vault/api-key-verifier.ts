/**
 * Checks a presented workflow API key (`wfk_...`, the bearer token of the synchronous API): it must be a
 * key the vault minted, and its `api-key:` item must exist and not have expired. Only hashes are compared.
 */
import type { Clock } from '../domain/time.js';
import type { Store } from '../store/store.js';
import { hashWorkflowApiKey, isWorkflowApiKey } from './api-key.js';

export interface ApiKeyOwner {
  orgId: string;
  vaultId: string;
}

export function createApiKeyVerifier(deps: { store: Pick<Store, 'findApiKey'>; clock: Clock }) {
  return {
    /** The key's org and vault item, or null when it is unknown, deleted or expired. */
    async verify(key: string): Promise<ApiKeyOwner | null> {
      if (!isWorkflowApiKey(key)) return null;
      const found = await deps.store.findApiKey(hashWorkflowApiKey(key));
      if (!found) return null;
      if (found.expiresAt !== null && deps.clock.now() >= found.expiresAt) return null;
      return { orgId: found.orgId, vaultId: found.vaultId };
    },
  };
}

export type ApiKeyVerifier = ReturnType<typeof createApiKeyVerifier>;
