import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/open-postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { postgresAdminUrl, useTestDatabase } from './postgres.js';

export type OpenStore = () => Promise<{ store: Store; close(): Promise<void> }>;

/**
 * Runs a store contract suite on SQLite (a fresh file per test) and, when a test PostgreSQL server is
 * configured, on PostgreSQL (a database of the suite's own, emptied per test).
 */
export function describeOnEveryStore(suite: (name: string, open: OpenStore) => void, dirPrefix: string) {
  suite('SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), dirPrefix));
    const store = await openSqliteStore(join(dir, 'stratoflow.db'));
    return {
      store,
      async close() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });

  describe.skipIf(!postgresAdminUrl())('PostgreSQL', () => {
    const databaseUrl = useTestDatabase();
    suite('PostgreSQL', async () => {
      const side = new pg.Client({ connectionString: databaseUrl() });
      await side.connect();
      await side.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      await side.end();
      const store = await openPostgresStore(databaseUrl(), { poolSize: 10 });
      return { store, close: () => store.close() };
    });
  });
}
