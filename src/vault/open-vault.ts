import type { Clock } from '../domain/time.js';
import type { Store } from '../store/store.js';
import { createApiKeyVerifier } from './api-key-verifier.js';
import { createAuthorizationService } from './authorization-service.js';
import { createDelegatedAccessPort } from './delegated-access.js';
import { loadMasterKey } from './master-key.js';
import { createSecretsPort } from './secrets-port.js';
import { createVaultService } from './vault-service.js';

export interface OpenVaultOptions {
  store: Store;
  clock: Clock;
  /** STRATOFLOW_MASTER_KEY (base64 of 32 bytes); null: `<dataDir>/master.key`, created with mode 0600. */
  masterKey: string | null;
  dataDir: string;
  publicUrl: string;
}

/** Loads the master key and builds everything that uses it: one call for a server or a worker process. */
export function openVault(options: OpenVaultOptions) {
  const { store, clock } = options;
  const masterKey = loadMasterKey({ env: options.masterKey ?? undefined, dataDir: options.dataDir });
  const authorizations = createAuthorizationService({
    store,
    masterKey,
    clock,
    publicUrl: options.publicUrl,
  });
  return {
    masterKey,
    /** For createRuntime: resolves `{{ vault.<name> }}` and `vlt_...` in runs and redacts them. */
    secrets: createSecretsPort({ store, masterKey, clock }),
    items: createVaultService({ store, masterKey, clock }),
    authorizations,
    /** For createRuntime: the delegated token of a workflow's authorization, opened at use. */
    delegatedAccess: createDelegatedAccessPort({ store, authorizations }),
    /** For the synchronous API: verifies `wfk_...` keys. */
    apiKeys: createApiKeyVerifier({ store, clock }),
  };
}

export type Vault = ReturnType<typeof openVault>;
