import type { Db } from './db.js';

export function authorizationQueries(db: Db) {
  return {
    async authorizationExists(orgId: string, authorizationId: string) {
      const rows = await db.all('SELECT 1 AS ok FROM authorizations WHERE id = ? AND org_id = ?', [
        authorizationId,
        orgId,
      ]);
      return rows.length > 0;
    },
  };
}
