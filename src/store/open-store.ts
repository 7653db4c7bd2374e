import { join } from 'node:path';
import { ensurePrivateDir } from '../domain/private-files.js';
import type { CheckpointMode } from './sqlite/checkpointer.js';
import { openSqliteStore } from './sqlite/open-sqlite-store.js';
import type { SqliteSynchronous } from './sqlite/sqlite-db.js';
import type { Store } from './store.js';

export interface StoreConfig {
  /** `postgres://...` or `postgresql://...` selects PostgreSQL; null selects embedded SQLite. */
  databaseUrl: string | null;
  /** Where the SQLite file lives (`<dataDir>/stratoflow.db`). */
  dataDir: string;
  /** PostgreSQL pool size (see `pgPoolSizeFromEnv`); default 10. */
  pgPoolSize?: number;
  /** Apply pending migrations while opening (default true). */
  migrate?: boolean;
  /** SQLite durability (`STRATOFLOW_SQLITE_SYNCHRONOUS`), default `normal`. */
  sqliteSynchronous?: SqliteSynchronous;
  /** Where SQLite's WAL checkpoints run (`STRATOFLOW_SQLITE_CHECKPOINT`), default `auto`. */
  sqliteCheckpoint?: CheckpointMode;
}

export const SQLITE_FILE_NAME = 'stratoflow.db';

/** PostgreSQL's pool size unless configured (pg-db.ts uses the same default). */
const DEFAULT_PG_POOL_SIZE = 10;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** The configured store: PostgreSQL when `databaseUrl` is a Postgres URL, else SQLite in `dataDir`. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const migrate = config.migrate ?? true;
  if (config.databaseUrl !== null) {
    if (!isPostgresUrl(config.databaseUrl)) {
      throw new Error(
        'DATABASE_URL must start with postgres:// or postgresql://; unset it to use the embedded SQLite store',
      );
    }
    // Loaded only for PostgreSQL: an embedded server never holds the pg driver.
    const { openPostgresStore } = await import('./postgres/open-postgres-store.js');
    return openPostgresStore(config.databaseUrl, {
      poolSize: config.pgPoolSize ?? DEFAULT_PG_POOL_SIZE,
      migrate,
    });
  }
  ensurePrivateDir(config.dataDir);
  return openSqliteStore(join(config.dataDir, SQLITE_FILE_NAME), {
    migrate,
    synchronous: config.sqliteSynchronous ?? 'normal',
    checkpoints: config.sqliteCheckpoint ?? 'auto',
  });
}

/** `STRATOFLOW_PG_POOL_SIZE`: a positive integer, default 10. */
export function pgPoolSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STRATOFLOW_PG_POOL_SIZE;
  if (raw === undefined || raw === '') return DEFAULT_PG_POOL_SIZE;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`STRATOFLOW_PG_POOL_SIZE must be a positive integer, got "${raw}"`);
  }
  return size;
}
