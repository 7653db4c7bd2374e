import { StratoflowError } from '../../../domain/errors.js';
import type { NodeContext } from '../../contract.js';

/** `{{ vault.name }}`, `{{ vault["name"] }}` or a literal `vlt_...` id (what the engine loads from the vault). */
const VAULT_REFERENCE = /\bvault\s*(?:\.|\[)|\bvlt_[0-9a-z]{6,64}\b/;

/**
 * Save-time rule for credential fields: their value must come from the vault, so it is encrypted at rest,
 * never returned by the API, and redacted from every log. A literal password in a definition would be none
 * of these. Returns one sentence per offending field.
 */
export function credentialsFromVault(config: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.flatMap((field) => {
    const value = config[field];
    if (typeof value !== 'string' || value.trim() === '' || VAULT_REFERENCE.test(value)) return [];
    return [
      `${field} must come from the vault: write {{ vault.<name> }} or a vlt_... id instead of the value itself.`,
    ];
  });
}

/** Save-time rule for a URL field: a password in it (`smtp://user:pass@host`) must come from the vault too. */
export function urlPasswordFromVault(config: Record<string, unknown>, field: string): string[] {
  const value = config[field];
  if (typeof value !== 'string' || VAULT_REFERENCE.test(value)) return [];
  if (URL.parse(value.trim())?.password)
    return [`${field} holds a password: put it in password (from the vault) instead.`];
  return [];
}

/** A credential as the node uses it: a literal `vlt_...` id resolved; blank means none. */
export function credential(ctx: NodeContext, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return ctx.secrets.resolve(value);
}

/** Seconds from a config field as milliseconds, refused when longer than the node's own time limit. */
export function boundedMs(ctx: NodeContext, field: string, seconds: number): number {
  const maxSeconds = ctx.limits.nodeTimeoutMs / 1000;
  if (seconds > maxSeconds) {
    throw new StratoflowError(
      'node_config_invalid',
      `${field} is ${seconds}, more than the node time limit of ${maxSeconds} seconds.`,
    );
  }
  return Math.round(seconds * 1000);
}
