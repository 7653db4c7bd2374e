import type { Kysely } from 'kysely';
import type { Store } from '../store.js';
import type { Db } from './db.js';
import { schemaCurrent } from './schema-state.js';
import { createSqlStore } from './sql-store.js';

/**
 * The Store over `db`, after bringing the schema up to date unless `migrate` is false. Kysely's Migrator
 * (from `kysely()`, over the same database) is loaded only when the schema is not already current, so a
 * server restarting on its own database never loads it. A failed migration closes the database before
 * the error goes up.
 */
export async function openMigratedStore(
  db: Db,
  kysely: () => Promise<Kysely<unknown>>,
  migrate = true,
): Promise<Store> {
  if (migrate) {
    try {
      if (!(await schemaCurrent(db))) {
        const { migrateToLatest } = await import('../migrations/index.js');
        await migrateToLatest(await kysely());
      }
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return createSqlStore(db, { migrationsCurrent: () => schemaCurrent(db) });
}
