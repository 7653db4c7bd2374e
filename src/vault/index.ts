/**
 * The vault: the only code that sees plaintext secrets or key material. Envelope encryption of items
 * (crypto.ts), the master key (master-key.ts), workflow API keys
 * (api-key.ts, api-key-verifier.ts), the org's items (vault-service.ts), the engine's SecretsPort
 * (secrets-port.ts) and delegated user access (authorization-service.ts). `openVault` wires them.
 */

export { createRedactor, MIN_SECRET_LENGTH, REDACTED, type Redactor } from '../domain/redactor.js';
export {
  hashWorkflowApiKey,
  isWorkflowApiKey,
  type MintedWorkflowApiKey,
  mintWorkflowApiKey,
  verifyWorkflowApiKey,
  WORKFLOW_API_KEY_PREFIX,
} from './api-key.js';
export { type ApiKeyOwner, type ApiKeyVerifier, createApiKeyVerifier } from './api-key-verifier.js';
export {
  AUTHORIZATION_PROVIDER,
  type AuthorizationService,
  type ConfirmingUser,
  createAuthorizationService,
  LINK_TTL_MS,
} from './authorization-service.js';
export { openSecret, rewrapSecret, type SealedSecret, sealSecret, VaultDecryptError } from './crypto.js';
export {
  createMasterKey,
  exportMasterKeyBase64,
  generateMasterKey,
  type LoadMasterKeyOptions,
  loadMasterKey,
  MASTER_KEY_FILE_NAME,
  type MasterKey,
} from './master-key.js';
export { type OpenVaultOptions, openVault, type Vault } from './open-vault.js';
export { createSecretsPort } from './secrets-port.js';
export {
  API_KEY_NAME_PREFIX,
  createVaultService,
  isApiKeyName,
  VAULT_NAME_MAX,
  VAULT_NAME_MIN,
  VAULT_SECRET_MAX,
  type VaultItemInput,
  type VaultService,
  vaultAad,
} from './vault-service.js';
