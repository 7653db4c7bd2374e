import Database from 'better-sqlite3';
import { ensurePrivateFile, tightenIfPresent } from '../../domain/private-files.js';
import type { Db, SqlRunner, SqlValue } from '../sql/db.js';
import { type CheckpointMode, createCheckpointer } from './checkpointer.js';

/**
 * SQLite's `synchronous` setting in WAL mode. `normal`: a committed transaction survives a crash of the
 * process (`kill -9`), but a power loss or OS crash may lose the last transactions (never corrupt the
 * file). `full`: the WAL is fsynced at every commit, so a commit also survives power loss; on the
 * development machine each commit then costs ~6 ms instead of ~0.05 ms (docs/reliability.md).
 */
export type SqliteSynchronous = 'normal' | 'full';

/**
 * SQLite's page cache for the one connection, in KiB (decision 0034). Writes touch mostly the right-hand
 * pages of each B-tree, and a page that is not cached is one read from the operating system's file cache
 * away. 32 MB filled up under load and held ~30 MB of the peak resident set for nothing measurable: with
 * 8 MB throughput stayed within noise on the transform, chain and webhook workloads.
 */
const PAGE_CACHE_KIB = 8000;

/**
 * The SQLite side of the Db port: one better-sqlite3 connection in WAL mode, `synchronous` as
 * configured (see SqliteSynchronous). Statements are prepared once and cached by their text.
 *
 * Group commit (docs/decisions/0027): on the machines we measure, a commit costs ~200 µs of system
 * calls (two writes per page, six locks) whatever it carries. Writes are therefore queued, and once the
 * I/O callbacks of the current turn of the event loop are done (`setImmediate`) the queue runs as one
 * physical transaction: each queued transaction in its own SAVEPOINT (rolled back alone when it fails),
 * then one COMMIT. A write's promise settles after that COMMIT, so what a caller was told is committed
 * is on disk, and the write lock is held only within that one turn. Reads run at once (between batches):
 * they see only committed data. A batch stops taking writes once it has run BATCH_BUDGET_MS; the rest
 * go first in the next batch, after the event loop has served its I/O (docs/decisions/0033).
 */
export function openSqliteDb(
  file: string,
  synchronous: SqliteSynchronous = 'normal',
  checkpoints: CheckpointMode = 'auto',
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
  raw.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  const checkpointer = createCheckpointer(raw, file, checkpoints);
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
  const writes = createWriteQueue(raw, prepare, direct, (ms) => checkpointer.noteCommit(ms));

  const db: Db = {
    dialect: 'sqlite',
    async all<T>(sql: string, params?: readonly SqlValue[]) {
      // Checked and run without yielding in between: no batch can start meanwhile.
      while (writes.executing()) await writes.executing();
      return prepare(sql).all(...(params ?? [])) as T[];
    },
    run(sql: string, params?: readonly SqlValue[]) {
      return writes.enqueue((tx) => tx.run(sql, params));
    },
    transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      return writes.enqueue(fn);
    },
    async reclaimSpace() {
      await writes.drain();
      return reclaimFreePages(raw);
    },
    async close() {
      await writes.drain();
      // The thread's connection first: the last one to close checkpoints and removes the WAL.
      await checkpointer.close();
      raw.close();
    },
  };
  return { db, raw };
}

/**
 * How long one batch may keep taking writes, in milliseconds. Small writes fill a batch in ~1 ms and are
 * unaffected. Writes of multi-megabyte payloads take ~40 ms each: unbounded, a batch of them held the
 * event loop for 250 ms, during which no socket was read, no timer fired and no other tenant was served.
 */
export const BATCH_BUDGET_MS = 25;

interface QueuedWrite {
  fn(tx: SqlRunner): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The queue of writes and the batches that run it (see openSqliteDb). A transaction's callback awaits
 * only its statements, so a batch normally ends within the turn that starts it; one awaiting anything
 * else is still correct, it only holds the write lock longer.
 */
function createWriteQueue(
  raw: Database.Database,
  prepare: (sql: string) => Database.Statement,
  direct: SqlRunner,
  committed: (ms: number) => void,
) {
  let queue: QueuedWrite[] = [];
  let scheduled = false;
  let running: Promise<void> | null = null;

  /** Runs writes of `batch` in one transaction; returns those left for the next batch (over budget). */
  async function runBatch(batch: readonly QueuedWrite[]): Promise<readonly QueuedWrite[]> {
    try {
      prepare('BEGIN IMMEDIATE').run();
    } catch (error) {
      for (const write of batch) write.reject(error);
      return [];
    }
    const deadline = performance.now() + BATCH_BUDGET_MS;
    const outcomes: { write: QueuedWrite; ok: boolean; value: unknown }[] = [];
    for (const write of batch) {
      if (outcomes.length > 0 && performance.now() > deadline) break;
      prepare('SAVEPOINT tx').run();
      try {
        const value = await write.fn(direct);
        prepare('RELEASE tx').run();
        outcomes.push({ write, ok: true, value });
      } catch (error) {
        if (!raw.inTransaction) {
          // An error that ended the whole transaction (I/O, disk full): nothing of the batch remains.
          for (const done of outcomes) done.write.reject(error);
          for (const rest of batch.slice(outcomes.length)) rest.reject(error);
          return [];
        }
        prepare('ROLLBACK TO tx').run();
        prepare('RELEASE tx').run();
        outcomes.push({ write, ok: false, value: error });
      }
    }
    const started = performance.now();
    try {
      prepare('COMMIT').run();
    } catch (error) {
      if (raw.inTransaction) prepare('ROLLBACK').run();
      for (const { write, ok, value } of outcomes) write.reject(ok ? error : value);
      return batch.slice(outcomes.length);
    }
    committed(performance.now() - started);
    for (const { write, ok, value } of outcomes) {
      if (ok) write.resolve(value);
      else write.reject(value);
    }
    return batch.slice(outcomes.length);
  }

  function flush(): Promise<void> {
    scheduled = false;
    if (running || queue.length === 0) return running ?? Promise.resolve();
    const batch = queue;
    queue = [];
    const work = runBatch(batch)
      .then((left) => {
        // Over budget: the rest go first, ahead of writes queued since, in the next turn.
        if (left.length > 0) queue = [...left, ...queue];
      })
      .catch((error: unknown) => {
        // A statement of the batch's own bookkeeping failed (SAVEPOINT, ROLLBACK TO): nothing of it
        // is kept, and no write may wait forever. Writes already settled ignore this.
        if (raw.inTransaction) prepare('ROLLBACK').run();
        for (const write of batch) write.reject(error);
      })
      .finally(() => {
        running = null;
        // Writes queued while this batch ran (by its callbacks' continuations) go in the next one.
        if (queue.length > 0) schedule();
      });
    running = work;
    return work;
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    enqueue<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    /** The batch in progress, if any. */
    executing: (): Promise<void> | null => running,
    /** Runs everything queued now and waits for it (closing the database, reclaiming space). */
    async drain() {
      while (running || queue.length > 0) await flush();
    },
  };
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
