import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/open-postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { postgresAdminUrl, useTestDatabase } from './postgres.js';

export interface OpenedStore {
  store: Store;
  close(): Promise<void>;
}

export type StoreSuite = (name: string, open: () => Promise<OpenedStore>) => void;

/**
 * Declares `suite` twice: on a fresh SQLite file per test, and, when there is a test PostgreSQL server, on
 * an emptied database of the suite's own.
 */
export function onBothStores(suite: StoreSuite): void {
  suite('SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stratoflow-store-'));
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
