import Database from 'better-sqlite3';
import { ensurePrivateFile, tightenIfPresent } from '../../domain/private-files.js';
import type { Db, SqlRunner, SqlValue } from '../sql/db.js';

/**
 * SQLite's `synchronous` setting in WAL mode. `normal`: a committed transaction survives a crash of the
 * process (`kill -9`), but a power loss or OS crash may lose the last transactions (never corrupt the
 * file). `full`: the WAL is fsynced at every commit, so a commit also survives power loss; on the
 * development machine each commit then costs ~6 ms instead of ~0.05 ms (docs/reliability.md).
 */
export type SqliteSynchronous = 'normal' | 'full';

/**
 * The SQLite side of the Db port: one better-sqlite3 connection in WAL mode, `synchronous` as
 * configured (see SqliteSynchronous). Statements are prepared
 * once and cached by their text. better-sqlite3 is synchronous, so a transaction whose callback awaits
 * would let other callers' statements slip into it: every call outside a transaction therefore waits
 * until the open transaction (if any) has finished.
 */
export function openSqliteDb(
  file: string,
  synchronous: SqliteSynchronous = 'normal',
): { db: Db; raw: Database.Database } {
  const onDisk = file !== ':memory:' && file !== '';
  // SQLite creates the -wal and -shm files with the database file's mode: create that one 0600 first.
  if (onDisk) ensurePrivateFile(file);
  const raw = new Database(file);
  if (onDisk) for (const suffix of ['-wal', '-shm', '-journal']) tightenIfPresent(`${file}${suffix}`);
  ensureIncrementalVacuum(raw);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -32000');
  raw.pragma('wal_autocheckpoint = 4000');
  const statements = new Map<string, Database.Statement>();

  function prepare(sql: string): Database.Statement {
    let statement = statements.get(sql);
    if (!statement) {
      statement = raw.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }

  const direct: SqlRunner = {
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).all(...params) as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).run(...params).changes;
    },
  };

  // The transaction in progress, if any. Callers loop on it and then act without yielding, so nothing
  // can start between the check and the statement.
  let openTx: Promise<unknown> | null = null;
  const settle = () => undefined;

  const db: Db = {
    dialect: 'sqlite',
    async all<T>(sql: string, params?: readonly SqlValue[]) {
      while (openTx) await openTx.catch(settle);
      return direct.all<T>(sql, params);
    },
    async run(sql: string, params?: readonly SqlValue[]) {
      while (openTx) await openTx.catch(settle);
      return direct.run(sql, params);
    },
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      while (openTx) await openTx.catch(settle);
      const work = (async () => {
        prepare('BEGIN IMMEDIATE').run();
        try {
          const result = await fn(direct);
          prepare('COMMIT').run();
          return result;
        } catch (error) {
          if (raw.inTransaction) prepare('ROLLBACK').run();
          throw error;
        }
      })();
      openTx = work;
      try {
        return await work;
      } finally {
        if (openTx === work) openTx = null;
      }
    },
    async reclaimSpace() {
      while (openTx) await openTx.catch(settle);
      return reclaimFreePages(raw);
    },
    async close() {
      while (openTx) await openTx.catch(settle);
      raw.close();
    },
  };
  return { db, raw };
}

/** SQLite's `auto_vacuum = INCREMENTAL`: free pages can be given back with `PRAGMA incremental_vacuum`. */
const INCREMENTAL = 2;

/**
 * Puts the database in incremental auto-vacuum mode (docs/decisions/0023). A new, empty file takes the
 * setting directly. An existing file made before retention (mode NONE) is converted once with a full
 * VACUUM, which rewrites it: it takes time and free disk space about the size of the file, once.
 */
function ensureIncrementalVacuum(raw: Database.Database): void {
  if (raw.pragma('auto_vacuum', { simple: true }) === INCREMENTAL) return;
  raw.pragma('auto_vacuum = INCREMENTAL');
  const tables = raw.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {
    n: number;
  };
  if (tables.n > 0) raw.exec('VACUUM');
}

/**
 * Releases free pages once they are more than a tenth of the file, keeping a few for the next inserts
 * (a freshly truncated file would only grow back at once). Returns the pages released.
 */
export function reclaimFreePages(raw: Database.Database): number {
  const free = raw.pragma('freelist_count', { simple: true }) as number;
  const pages = raw.pragma('page_count', { simple: true }) as number;
  if (free < 64 || free * 10 < pages) return 0;
  const release = free - Math.floor(pages / 20);
  if (release <= 0) return 0;
  raw.pragma(`incremental_vacuum(${release})`);
  return release;
}
