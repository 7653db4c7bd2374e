import type { Kysely } from 'kysely';
import { migrateToLatest, migrationsCurrent } from '../migrations/index.js';
import type { Store } from '../store.js';
import type { Db } from './db.js';
import { createSqlStore } from './sql-store.js';

/**
 * The Store over `db`, after bringing the schema up to date through `kysely` (same database) unless
 * `migrate` is false. A failed migration closes the database before the error goes up.
 */
export async function openMigratedStore(db: Db, kysely: Kysely<unknown>, migrate = true): Promise<Store> {
  if (migrate) {
    try {
      await migrateToLatest(kysely);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return createSqlStore(db, { migrationsCurrent: () => migrationsCurrent(kysely) });
}
