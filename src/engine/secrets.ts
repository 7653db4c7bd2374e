import { createRedactor } from '../domain/redactor.js';

/**
 * The engine's view of the vault: a port that loads the secrets a run references and hands back what
 * templates and nodes need, plus the run's redactor. Implemented in vault/; the engine never sees keys.
 */
export interface SecretsPort {
  load(orgId: string, refs: SecretReferences): Promise<RunSecrets>;
}

/** What a definition refers to: `{{ vault.<name> }}` names and literal `vlt_...` ids. */
export interface SecretReferences {
  names: readonly string[];
  ids: readonly string[];
}

export interface RunSecrets {
  /** The `vault` object of the template scope (reading an expired or unknown name throws). */
  scope: Record<string, unknown>;
  /** Replaces literal `vlt_...` references in a string with their values. */
  resolveRefs(text: string): string;
  /** Removes every loaded secret (plain, base64, URL-encoded...) from a value before it is stored. */
  redact<T>(value: T): T;
  /**
   * Adds a value obtained during the run (a generated private key, a delegated token, a credential a
   * node assembles) to what `redact` removes from now on.
   */
  register(secret: string): void;
}

/** The secrets of a run without vault references: nothing loaded, only what nodes register is redacted. */
export function noVaultSecrets(): RunSecrets {
  const redactor = createRedactor();
  return {
    scope: {},
    resolveRefs: (text) => text,
    redact: (value) => redactor.redactDeep(value),
    register: (secret) => redactor.register(secret),
  };
}

/**
 * Delegated user access (authorizations, spec 1.8), implemented in vault/: the bearer token of the user
 * who confirmed an authorization, decrypted only when a node asks for it. Throws `authorization_unavailable`
 * with a sentence naming what is missing.
 */
export interface DelegatedAccessPort {
  /** The token of the authorization the workflow names in `authorization_id`. */
  forWorkflow(orgId: string, workflowId: string): Promise<string>;
  /** The token of one authorization of the org (POST /workflows/test-node with `authorization_id`). */
  forAuthorization(orgId: string, authorizationId: string): Promise<string>;
}

const NAME_REF = /\bvault\.([A-Za-z0-9_]+)|\bvault\[\s*["']([^"']{1,100})["']\s*\]/g;
const ID_REF = /\bvlt_[0-9a-z]{6,64}\b/g;

/** Scans every string of a definition's node data for vault references. */
export function findSecretReferences(values: Iterable<unknown>): SecretReferences {
  const names = new Set<string>();
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(NAME_REF)) names.add((m[1] ?? m[2]) as string);
      for (const m of value.matchAll(ID_REF)) ids.add(m[0]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  for (const value of values) visit(value);
  return { names: [...names], ids: [...ids] };
}
