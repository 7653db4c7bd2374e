import { describe, expect, it } from 'vitest';
import { StratoflowError } from '../domain/errors.js';
import { REDACTED } from '../domain/redactor.js';
import type { VaultItemRecord } from '../domain/vault.js';
import { createTemplateEngine } from '../engine/templates/index.js';
import { sealSecret } from './crypto.js';
import { generateMasterKey } from './master-key.js';
import { createSecretsPort } from './secrets-port.js';
import { vaultAad } from './vault-service.js';

const master = generateMasterKey();
const NOW = Date.UTC(2026, 0, 1);

function item(id: string, name: string, value: string | null, extra: Partial<VaultItemRecord> = {}) {
  const record: VaultItemRecord = {
    id,
    orgId: 'org_a',
    name,
    sealed: value === null ? null : sealSecret(master, value, vaultAad('org_a', id)),
    expiresAt: null,
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
  return record;
}

const ITEMS = [
  item('vlt_000001', 'stripe_key', 'sk_live_abcdef'),
  item('vlt_000002', 'old_key', 'old-value-1234', { expiresAt: NOW }),
  item('vlt_000003', 'api-key:ci', null),
  // Sealed for another org (a row copied across orgs): its aad does not match, so it must not open.
  item('vlt_000004', 'moved', null, { sealed: sealSecret(master, 'moved-value', 'org_b:vlt_000004') }),
];

const port = createSecretsPort({
  store: {
    findVaultItems: async (_org, names, ids) =>
      ITEMS.filter((i) => names.includes(i.name) || ids.includes(i.id)),
  },
  masterKey: master,
  clock: { now: () => NOW },
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StratoflowError);
    return (error as StratoflowError).code;
  }
  throw new Error('expected a throw');
}

describe('createSecretsPort', () => {
  it('exposes referenced names as getters, checked when read', async () => {
    const secrets = await port.load('org_a', {
      names: ['stripe_key', 'old_key', 'api-key:ci', 'moved', 'missing'],
      ids: [],
    });
    const vault = secrets.scope;
    expect(vault.stripe_key).toBe('sk_live_abcdef');
    expect(codeOf(() => vault.old_key)).toBe('vault_item_expired');
    expect(codeOf(() => vault['api-key:ci'])).toBe('vault_item_not_found');
    expect(codeOf(() => vault.moved)).toBe('vault_decrypt_failed');
    expect(codeOf(() => vault.missing)).toBe('vault_item_not_found');
    expect(Object.keys(vault)).toEqual([]);
  });

  it('cannot be dumped whole from a template', async () => {
    const secrets = await port.load('org_a', { names: ['stripe_key'], ids: [] });
    const engine = createTemplateEngine();
    expect(engine.render('{{ vault | json }}', { vault: secrets.scope })).toBe('{}');
    expect(engine.render('{{ vault.stripe_key }}', { vault: secrets.scope })).toBe('sk_live_abcdef');
  });

  it('resolves only the vlt_ ids written in the definition', async () => {
    const secrets = await port.load('org_a', { names: [], ids: ['vlt_000001'] });
    expect(secrets.resolveRefs('Bearer vlt_000001')).toBe('Bearer sk_live_abcdef');
    expect(secrets.resolveRefs('no reference')).toBe('no reference');
    // vlt_000002 exists, but arrived in data rather than in the workflow: not resolved.
    expect(codeOf(() => secrets.resolveRefs('Bearer vlt_000002'))).toBe('vault_item_not_found');
  });

  it('redacts every loaded value, even one never read and one expired', async () => {
    const secrets = await port.load('org_a', { names: ['stripe_key', 'old_key'], ids: [] });
    const redacted = secrets.redact({
      a: 'key=sk_live_abcdef',
      b: Buffer.from('old-value-1234').toString('base64'),
      c: encodeURIComponent('sk_live_abcdef'),
    });
    expect(redacted).toEqual({ a: `key=${REDACTED}`, b: REDACTED, c: REDACTED });
  });
});
