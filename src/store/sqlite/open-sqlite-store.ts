import { openMigratedStore } from '../sql/open-migrated.js';
import type { Store } from '../store.js';
import type { CheckpointMode } from './checkpointer.js';
import { cacheHotReads } from './hot-reads.js';
import { openSqliteDb, type SqliteSynchronous } from './sqlite-db.js';

export interface SqliteStoreOptions {
  /** Apply pending migrations while opening (default true). */
  migrate?: boolean;
  synchronous?: SqliteSynchronous;
  /** Where WAL checkpoints run (checkpointer.ts), default `auto`. */
  checkpoints?: CheckpointMode;
}

/** Opens (creating and migrating if needed) the embedded SQLite store at `file`. */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<Store> {
  const { db, raw } = openSqliteDb(file, options.synchronous, options.checkpoints);
  // Kysely runs the shared migration set; it uses the same connection (the store is idle meanwhile).
  const kysely = async () => {
    const { Kysely, SqliteDialect } = await import('kysely');
    return new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  };
  return cacheHotReads(await openMigratedStore(db, kysely, options.migrate ?? true), raw);
}
