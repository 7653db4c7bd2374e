import { openMigratedStore } from '../sql/open-migrated.js';
import type { Store } from '../store.js';
import { createPgDb, createStorePool, type PgDbOptions } from './pg-db.js';

export interface PostgresStoreOptions extends PgDbOptions {
  /** Apply pending migrations while opening (default true). */
  migrate?: boolean;
}

/**
 * Opens the PostgreSQL store at `url` (`postgres://user:pass@host:port/db`). Migrations run through
 * Kysely's Migrator, which holds a Postgres advisory lock while it migrates: many processes may start
 * at once and exactly one applies each migration. Kysely borrows the store's pool, so `close()` ends both.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const pool = createStorePool(url, options);
  const db = createPgDb(pool);
  const kysely = async () => {
    const { Kysely, PostgresDialect } = await import('kysely');
    return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  };
  return openMigratedStore(db, kysely, options.migrate ?? true);
}
