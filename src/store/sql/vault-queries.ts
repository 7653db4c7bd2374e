import type { ApiKeyRecord, SealedValue, VaultItemRecord, VaultUpdateResult } from '../../domain/vault.js';
import type { Db, SqlRunner, SqlValue } from './db.js';
import { toNumber } from './rows.js';
import { isUniqueViolation } from './run-queries.js';

type Row = Record<string, unknown>;

const VAULT_COLUMNS =
  'id, org_id, name, ciphertext, iv, tag, wrapped_key, key_id, expires_at, created_at, updated_at';

/** The four sealed columns plus key_id, or all null (an `api-key:` item keeps no value). */
export function sealedFromRow(row: Row, prefix = ''): SealedValue | null {
  const ciphertext = row[`${prefix}ciphertext`];
  if (ciphertext === null || ciphertext === undefined) return null;
  return {
    ciphertext: ciphertext as string,
    iv: row[`${prefix}iv`] as string,
    tag: row[`${prefix}tag`] as string,
    wrappedKey: row[`${prefix}wrapped_key`] as string,
    keyId: row[`${prefix}key_id`] as string,
  };
}

function sealedValues(sealed: SealedValue | null): SqlValue[] {
  return sealed
    ? [sealed.ciphertext, sealed.iv, sealed.tag, sealed.wrappedKey, sealed.keyId]
    : [null, null, null, null, null];
}

function vaultItemFromRow(row: Row): VaultItemRecord {
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    name: row.name as string,
    sealed: sealedFromRow(row),
    expiresAt: row.expires_at === null || row.expires_at === undefined ? null : toNumber(row.expires_at),
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
  };
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

export function vaultQueries(db: Db) {
  return {
    async createVaultItem(item: VaultItemRecord, apiKey: ApiKeyRecord | null): Promise<boolean> {
      try {
        await db.transaction(async (tx) => {
          await tx.run(`INSERT INTO vault_items (${VAULT_COLUMNS}) VALUES (${placeholders(11)})`, [
            item.id,
            item.orgId,
            item.name,
            ...sealedValues(item.sealed),
            item.expiresAt,
            item.createdAt,
            item.updatedAt,
          ]);
          if (apiKey) {
            await tx.run(
              'INSERT INTO api_keys (id, org_id, vault_id, key_hash, key_prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)',
              [apiKey.id, apiKey.orgId, apiKey.vaultId, apiKey.keyHash, apiKey.keyPrefix, apiKey.createdAt],
            );
          }
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async updateVaultItem(item: VaultItemRecord): Promise<VaultUpdateResult> {
      try {
        const changed = await db.run(
          `UPDATE vault_items SET name = ?, ciphertext = ?, iv = ?, tag = ?, wrapped_key = ?, key_id = ?,
             expires_at = ?, updated_at = ? WHERE id = ? AND org_id = ?`,
          [item.name, ...sealedValues(item.sealed), item.expiresAt, item.updatedAt, item.id, item.orgId],
        );
        return changed > 0 ? 'updated' : 'not_found';
      } catch (error) {
        if (isUniqueViolation(error)) return 'name_taken';
        throw error;
      }
    },

    async getVaultItem(orgId: string, id: string): Promise<VaultItemRecord | null> {
      const [row] = await db.all<Row>(
        `SELECT ${VAULT_COLUMNS} FROM vault_items WHERE id = ? AND org_id = ?`,
        [id, orgId],
      );
      return row ? vaultItemFromRow(row) : null;
    },

    async listVaultItems(orgId: string): Promise<VaultItemRecord[]> {
      const rows = await db.all<Row>(
        `SELECT ${VAULT_COLUMNS} FROM vault_items WHERE org_id = ? ORDER BY created_at DESC, id DESC`,
        [orgId],
      );
      return rows.map(vaultItemFromRow);
    },

    /** Deletes the item and its API key hash, if any. */
    async deleteVaultItem(orgId: string, id: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const deleted = await tx.run('DELETE FROM vault_items WHERE id = ? AND org_id = ?', [id, orgId]);
        if (deleted > 0) await tx.run('DELETE FROM api_keys WHERE vault_id = ? AND org_id = ?', [id, orgId]);
        return deleted > 0;
      });
    },

    /** The org's items with one of these names or ids (what a run refers to). */
    async findVaultItems(
      orgId: string,
      names: readonly string[],
      ids: readonly string[],
    ): Promise<VaultItemRecord[]> {
      if (names.length === 0 && ids.length === 0) return [];
      const where: string[] = [];
      if (names.length > 0) where.push(`name IN (${placeholders(names.length)})`);
      if (ids.length > 0) where.push(`id IN (${placeholders(ids.length)})`);
      const rows = await db.all<Row>(
        `SELECT ${VAULT_COLUMNS} FROM vault_items WHERE org_id = ? AND (${where.join(' OR ')})`,
        [orgId, ...names, ...ids],
      );
      return rows.map(vaultItemFromRow);
    },

    /** The workflow API key with this sha256 hash: its org, vault item and the item's expiry. */
    async findApiKey(
      keyHash: string,
    ): Promise<{ orgId: string; vaultId: string; expiresAt: number | null } | null> {
      const [row] = await db.all<Row>(
        `SELECT k.org_id, k.vault_id, v.expires_at FROM api_keys k
           JOIN vault_items v ON v.id = k.vault_id AND v.org_id = k.org_id
          WHERE k.key_hash = ?`,
        [keyHash],
      );
      if (!row) return null;
      return {
        orgId: row.org_id as string,
        vaultId: row.vault_id as string,
        expiresAt: row.expires_at === null || row.expires_at === undefined ? null : toNumber(row.expires_at),
      };
    },

    /**
     * Master key rotation: in ONE transaction, passes every sealed value (vault items and authorization
     * tokens) through `rewrap` and saves what it returns. A throw rolls everything back.
     */
    async rewrapSealedValues(
      rewrap: (sealed: SealedValue) => SealedValue,
    ): Promise<{ vaultItems: number; authorizations: number }> {
      return db.transaction(async (tx) => {
        const vaultItems = await rewrapVaultItems(tx, rewrap);
        const authorizations = await rewrapAuthorizations(tx, rewrap);
        return { vaultItems, authorizations };
      });
    },
  };
}

async function rewrapVaultItems(tx: SqlRunner, rewrap: (sealed: SealedValue) => SealedValue) {
  const rows = await tx.all<Row>(
    'SELECT id, ciphertext, iv, tag, wrapped_key, key_id FROM vault_items WHERE ciphertext IS NOT NULL',
  );
  for (const row of rows) {
    const next = rewrap(sealedFromRow(row) as SealedValue);
    await tx.run('UPDATE vault_items SET wrapped_key = ?, key_id = ? WHERE id = ?', [
      next.wrappedKey,
      next.keyId,
      row.id as string,
    ]);
  }
  return rows.length;
}

async function rewrapAuthorizations(tx: SqlRunner, rewrap: (sealed: SealedValue) => SealedValue) {
  const rows = await tx.all<Row>(
    'SELECT id, sealed_token FROM authorizations WHERE sealed_token IS NOT NULL',
  );
  for (const row of rows) {
    const next = rewrap(JSON.parse(row.sealed_token as string) as SealedValue);
    await tx.run('UPDATE authorizations SET sealed_token = ? WHERE id = ?', [
      JSON.stringify(next),
      row.id as string,
    ]);
  }
  return rows.length;
}
