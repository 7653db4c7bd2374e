/**
 * Records of the vault and of authorizations, as the store keeps them. Values are only ever held sealed
 * (see vault/crypto.ts); the store never sees plaintext.
 *
 * Glossary
 * - vault item:    an organization's named secret (`vlt_...`); its value is sealed, never returned.
 * - api key item:  a vault item named `api-key:...`: Stratoflow minted a workflow API key (`wfk_...`) for it,
 *                  shown once; only its hash is kept (in `api_keys`), the item itself holds no value.
 * - authorization: a user's delegated access (`auth_...`), stored sealed, used by workflows that name it in
 *                  `authorization_id`. It is `pending` until the user confirms it on Stratoflow's page.
 */

/** A value encrypted under its own data key, which is wrapped by the master key. All base64 but keyId. */
export interface SealedValue {
  ciphertext: string;
  iv: string;
  tag: string;
  wrappedKey: string;
  /** Id of the master key that wraps the data key. */
  keyId: string;
}

export interface VaultItemRecord {
  id: string;
  orgId: string;
  name: string;
  /** Null for `api-key:` items: the key is kept only as a hash. */
  sealed: SealedValue | null;
  expiresAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** The hash of a minted workflow API key and the vault item it belongs to. */
export interface ApiKeyRecord {
  id: string;
  orgId: string;
  vaultId: string;
  keyHash: string;
  keyPrefix: string;
  createdAt: number;
}

export type AuthorizationStatus = 'pending' | 'active';

export interface AuthorizationRecord {
  id: string;
  orgId: string;
  /** The user who confirmed it (null while pending). */
  userId: string | null;
  email: string | null;
  provider: string;
  status: AuthorizationStatus;
  /** The user's bearer token, sealed with aad `org_id:auth_id` (null while pending). */
  sealedToken: SealedValue | null;
  /** sha256 of the one-time confirmation token (null once confirmed). */
  confirmTokenHash: string | null;
  createdAt: number;
}

export type VaultUpdateResult = 'updated' | 'not_found' | 'name_taken';

/** What a run needs to know about its workflow's authorization. */
export interface WorkflowAuthorization {
  authorizationId: string;
  /** Null when the authorization no longer exists. */
  status: AuthorizationStatus | null;
}
