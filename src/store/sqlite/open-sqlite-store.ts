import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from '../migrations/index.js';
import { createSqlStore } from '../sql/sql-store.js';
import type { Store } from '../store.js';
import { openSqliteDb } from './sqlite-db.js';

/** Opens (creating and migrating if needed) the embedded SQLite store at `file`. */
export async function openSqliteStore(file: string): Promise<Store> {
  const { db, raw } = openSqliteDb(file);
  // Kysely runs the shared migration set; it uses the same connection (the store is idle meanwhile).
  const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  await migrateToLatest(kysely);
  return createSqlStore(db);
}
