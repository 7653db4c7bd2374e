import { LOG_COLUMNS } from './rows.js';

/** Column types of `logs`, so the parameters of a VALUES list get the right PostgreSQL types. */
const LOG_COLUMN_TYPES: Record<(typeof LOG_COLUMNS)[number], string> = {
  id: 'text',
  org_id: 'text',
  run_id: 'text',
  workflow_id: 'text',
  seq: 'integer',
  node_id: 'text',
  component_id: 'text',
  status: 'text',
  input: 'text',
  output: 'text',
  handle: 'text',
  attempt: 'integer',
  duration_ms: 'double precision',
  created_at: 'bigint',
  warnings: 'text',
};

const cache = new Map<string, string>();

/**
 * PostgreSQL: a step's commit as ONE statement (one round trip instead of BEGIN, check, insert,
 * COMMIT): a data-modifying CTE updates (or locks) the run only while `owner` holds its lease, and
 * inserts the logs only if it did. One statement is one transaction, so it is all or nothing.
 * Parameters: the patch's values, run id, owner, then every log's values. Answers `{held}` (0 or 1).
 */
export function postgresCommitSql(set: readonly string[], logCount: number): string {
  const key = `${logCount}|${set.join(',')}`;
  let sql = cache.get(key);
  if (sql) return sql;
  const guard =
    set.length > 0
      ? `UPDATE runs SET ${set.join(', ')} WHERE id = ? AND lease_owner = ? RETURNING 1`
      : 'SELECT 1 FROM runs WHERE id = ? AND lease_owner = ? FOR UPDATE';
  if (logCount === 0) {
    sql = `WITH held AS (${guard}) SELECT COUNT(*) AS held FROM held`;
  } else {
    const columns = LOG_COLUMNS.join(', ');
    const row = `(${LOG_COLUMNS.map((c) => `?::${LOG_COLUMN_TYPES[c]}`).join(', ')})`;
    const rows = Array.from({ length: logCount }, () => row).join(', ');
    sql =
      `WITH held AS (${guard}), inserted AS (INSERT INTO logs (${columns}) ` +
      `SELECT * FROM (VALUES ${rows}) AS v(${columns}) WHERE EXISTS (SELECT 1 FROM held) RETURNING 1) ` +
      'SELECT (SELECT COUNT(*) FROM held) AS held';
  }
  cache.set(key, sql);
  return sql;
}
