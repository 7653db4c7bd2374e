/**
 * The narrow SQL port the shared store is written against. SQL uses `?` placeholders; the PostgreSQL
 * implementation rewrites them to `$n`. Parameters are strings, numbers, bytes (a BLOB / bytea column) or null.
 */
export type SqlValue = string | number | Uint8Array | null;

export interface SqlRunner {
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Executes a write; returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface Db extends SqlRunner {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` whenever a statement ran `SELECT pg_notify(channel, ...)` in any process
   * (PostgreSQL LISTEN/NOTIFY). Absent for SQLite, whose one process wakes its worker directly.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** SQLite only: releases free pages at the end of the file (incremental vacuum); returns how many. */
  reclaimSpace?(): Promise<number>;
  close(): Promise<void>;
}
