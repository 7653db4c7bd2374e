import pg from 'pg';
import type { Db, SqlRunner, SqlValue } from '../sql/db.js';
import { listenOn } from './listener.js';
import { toPostgresPlaceholders } from './placeholders.js';

export interface PgDbOptions {
  /** Most connections the pool opens (`STRATOFLOW_PG_POOL_SIZE`, default 10). */
  poolSize?: number;
  /**
   * Errors of idle pooled connections (the server restarted, the network dropped). pg discards the
   * connection; without a listener Node would crash the process. Default: ignore, the next query reconnects.
   */
  onIdleError?: (error: Error) => void;
}

export const DEFAULT_PG_POOL_SIZE = 10;

const INT8_OID = 20;

/**
 * pg returns int8 as a string because it may exceed 2^53. Ours are epoch milliseconds and counts, so they
 * come back as numbers; a value that would lose precision fails the query instead of being rounded.
 * Set on this pool only: the process-wide `pg.types` stay untouched for other users of pg.
 */
function storeTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new Error(`int8 value ${text} is beyond Number.MAX_SAFE_INTEGER`);
    return value;
  });
  return types;
}

/** A pool configured for the store: int8 parsed to numbers, the configured size, idle errors handled. */
export function createStorePool(url: string, options: PgDbOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_PG_POOL_SIZE,
    types: storeTypes(),
  });
  pool.on('error', options.onIdleError ?? (() => undefined));
  return pool;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * Every statement text gets a name, so each connection parses and plans it once (a named prepared
 * statement) instead of on every call. The texts are a fixed, small set: the store's SQL.
 */
const statementNames = new Map<string, string>();
function preparedQuery(sql: string, params: readonly SqlValue[]): pg.QueryConfig {
  let name = statementNames.get(sql);
  if (!name) {
    name = `sf_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return { name, text: toPostgresPlaceholders(sql), values: [...params] };
}

function runnerOver(target: Queryable): SqlRunner {
  return {
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      const result = await target.query(preparedQuery(sql, params));
      return result.rows as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      const result = await target.query(preparedQuery(sql, params));
      return result.rowCount ?? 0;
    },
  };
}

/**
 * The PostgreSQL side of the Db port. Statements outside a transaction take any pooled connection;
 * a transaction holds one connection from BEGIN to COMMIT/ROLLBACK and always gives it back. The pool is
 * owned by the Db: `close()` ends it.
 */
export function createPgDb(pool: pg.Pool): Db {
  return {
    dialect: 'postgres',
    ...runnerOver(pool),
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(runnerOver(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is unusable (it dropped mid-transaction): destroy it rather than pool it.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    listen: (channel, onNotify) => listenOn(pool, channel, onNotify),
    async close() {
      await pool.end();
    },
  };
}
