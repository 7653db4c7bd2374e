/**
 * The vault: the only code that sees plaintext secrets or key material. Envelope encryption of items
 * (crypto.ts), the master key (master-key.ts), the run's redactor (redactor.ts) and workflow API keys
 * (api-key.ts).
 */
export {
  hashWorkflowApiKey,
  isWorkflowApiKey,
  type MintedWorkflowApiKey,
  mintWorkflowApiKey,
  verifyWorkflowApiKey,
  WORKFLOW_API_KEY_PREFIX,
} from './api-key.js';
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
export { createRedactor, MIN_SECRET_LENGTH, REDACTED, type Redactor } from './redactor.js';
