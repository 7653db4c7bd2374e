import type {
  AuthorizationRecord,
  AuthorizationStatus,
  SealedValue,
  WorkflowAuthorization,
} from '../../domain/vault.js';
import type { Db } from './db.js';
import { toNumber } from './rows.js';

type Row = Record<string, unknown>;

const COLUMNS = 'id, org_id, user_id, email, provider, status, sealed_token, confirm_token_hash, created_at';

function authorizationFromRow(row: Row): AuthorizationRecord {
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    userId: (row.user_id as string | null) ?? null,
    email: (row.email as string | null) ?? null,
    provider: row.provider as string,
    status: row.status as AuthorizationStatus,
    sealedToken: row.sealed_token ? (JSON.parse(row.sealed_token as string) as SealedValue) : null,
    confirmTokenHash: (row.confirm_token_hash as string | null) ?? null,
    createdAt: toNumber(row.created_at),
  };
}

export function authorizationQueries(db: Db) {
  return {
    async authorizationExists(orgId: string, authorizationId: string) {
      const rows = await db.all('SELECT 1 AS ok FROM authorizations WHERE id = ? AND org_id = ?', [
        authorizationId,
        orgId,
      ]);
      return rows.length > 0;
    },

    async createAuthorization(a: AuthorizationRecord): Promise<void> {
      await db.run(`INSERT INTO authorizations (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        a.id,
        a.orgId,
        a.userId,
        a.email,
        a.provider,
        a.status,
        a.sealedToken ? JSON.stringify(a.sealedToken) : null,
        a.confirmTokenHash,
        a.createdAt,
      ]);
    },

    async listAuthorizations(orgId: string): Promise<AuthorizationRecord[]> {
      const rows = await db.all<Row>(
        `SELECT ${COLUMNS} FROM authorizations WHERE org_id = ? ORDER BY created_at DESC, id DESC`,
        [orgId],
      );
      return rows.map(authorizationFromRow);
    },

    async getAuthorization(orgId: string, id: string): Promise<AuthorizationRecord | null> {
      const [row] = await db.all<Row>(`SELECT ${COLUMNS} FROM authorizations WHERE id = ? AND org_id = ?`, [
        id,
        orgId,
      ]);
      return row ? authorizationFromRow(row) : null;
    },

    /** The pending authorization whose one-time confirmation token hashes to `hash`. */
    async findPendingAuthorization(confirmTokenHash: string): Promise<AuthorizationRecord | null> {
      const [row] = await db.all<Row>(
        `SELECT ${COLUMNS} FROM authorizations WHERE confirm_token_hash = ? AND status = 'pending'`,
        [confirmTokenHash],
      );
      return row ? authorizationFromRow(row) : null;
    },

    /**
     * Confirms a pending authorization exactly once (compare-and-set on the token hash, which is cleared):
     * stores the user and their sealed token. False when it was confirmed, deleted or re-keyed meanwhile.
     */
    async activateAuthorization(
      id: string,
      confirmTokenHash: string,
      grant: { userId: string; email: string | null; sealedToken: SealedValue },
    ): Promise<boolean> {
      const changed = await db.run(
        `UPDATE authorizations SET status = 'active', user_id = ?, email = ?, sealed_token = ?,
           confirm_token_hash = NULL
         WHERE id = ? AND confirm_token_hash = ? AND status = 'pending'`,
        [grant.userId, grant.email, JSON.stringify(grant.sealedToken), id, confirmTokenHash],
      );
      return changed > 0;
    },

    async deleteAuthorization(orgId: string, id: string): Promise<boolean> {
      return (await db.run('DELETE FROM authorizations WHERE id = ? AND org_id = ?', [id, orgId])) > 0;
    },

    /** The workflow's `authorization_id` and that authorization's status; null when it names none. */
    async workflowAuthorization(orgId: string, workflowId: string): Promise<WorkflowAuthorization | null> {
      const [row] = await db.all<Row>(
        `SELECT w.authorization_id, a.status FROM workflows w
           LEFT JOIN authorizations a ON a.id = w.authorization_id AND a.org_id = w.org_id
          WHERE w.id = ? AND w.org_id = ? AND w.authorization_id IS NOT NULL`,
        [workflowId, orgId],
      );
      if (!row) return null;
      return {
        authorizationId: row.authorization_id as string,
        status: (row.status as AuthorizationStatus | null) ?? null,
      };
    },
  };
}
