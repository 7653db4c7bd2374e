import type { LogRecord, RunRecord } from '../../domain/types.js';
import type { LogFilter, PageRequest, RunPatch } from '../store.js';
import type { Db, SqlValue } from './db.js';
import { postgresCommitSql } from './postgres-commit.js';
import { LOG_COLUMNS, logFromRow, logValues, runValues, toNumber } from './rows.js';
import { INSERT_RUN, patchToSql } from './run-queries.js';

/** One multi-row INSERT for the logs a step commits (usually one; two when the trigger's rides along). */
const insertLogStatements = new Map<number, string>();
function insertLogs(count: number): string {
  let sql = insertLogStatements.get(count);
  if (!sql) {
    const row = `(${LOG_COLUMNS.map(() => '?').join(', ')})`;
    sql = `INSERT INTO logs (${LOG_COLUMNS.join(', ')}) VALUES ${Array.from({ length: count }, () => row).join(', ')}`;
    insertLogStatements.set(count, sql);
  }
  return sql;
}
type Row = Record<string, unknown>;

function filterToSql(orgId: string, workflowId: string, filter: LogFilter) {
  const where = ['org_id = ?', 'workflow_id = ?'];
  const values: SqlValue[] = [orgId, workflowId];
  if (filter.status) where.push('status = ?') && values.push(filter.status);
  if (filter.nodeId) where.push('node_id = ?') && values.push(filter.nodeId);
  if (filter.runId) where.push('run_id = ?') && values.push(filter.runId);
  if (filter.from !== undefined) where.push('created_at >= ?') && values.push(filter.from);
  if (filter.to !== undefined) where.push('created_at <= ?') && values.push(filter.to);
  return { where: `WHERE ${where.join(' AND ')}`, values };
}

export function logQueries(db: Db) {
  // SQLite's write transaction excludes every other writer, so a plain read checks the lease.
  const leaseCheck = 'SELECT 1 AS held FROM runs WHERE id = ? AND lease_owner = ?';
  return {
    async commitStep(
      runId: string,
      owner: string,
      log: LogRecord | readonly LogRecord[] | null,
      patch: RunPatch,
    ) {
      const { set, values } = patchToSql(patch);
      const logs: readonly LogRecord[] = Array.isArray(log) ? log : log ? [log as LogRecord] : [];
      if (db.dialect === 'postgres') {
        const params = [...values, runId, owner, ...logs.flatMap(logValues)];
        const [row] = await db.all<Row>(postgresCommitSql(set, logs.length), params);
        return toNumber(row?.held ?? 0) > 0;
      }
      return db.transaction(async (tx) => {
        if (set.length === 0) {
          // Most steps only add a log: check the lease without rewriting the run row.
          if ((await tx.all(leaseCheck, [runId, owner])).length === 0) return false;
        } else {
          const update = `UPDATE runs SET ${set.join(', ')} WHERE id = ? AND lease_owner = ?`;
          if ((await tx.run(update, [...values, runId, owner])) === 0) return false;
        }
        if (logs.length > 0) await tx.run(insertLogs(logs.length), logs.flatMap(logValues));
        return true;
      });
    },
    async insertRunWithLogs(run: RunRecord, logs: readonly LogRecord[]) {
      await db.transaction(async (tx) => {
        await tx.run(INSERT_RUN, runValues(run));
        if (logs.length > 0) await tx.run(insertLogs(logs.length), logs.flatMap(logValues));
      });
    },
    async listRunLogs(runId: string, afterSeq?: number) {
      const rows =
        afterSeq === undefined
          ? await db.all<Row>('SELECT * FROM logs WHERE run_id = ? ORDER BY seq', [runId])
          : await db.all<Row>('SELECT * FROM logs WHERE run_id = ? AND seq > ? ORDER BY seq', [
              runId,
              afterSeq,
            ]);
      return rows.map(logFromRow);
    },
    async listLogs(orgId: string, workflowId: string, filter: LogFilter, page: PageRequest) {
      const { where, values } = filterToSql(orgId, workflowId, filter);
      // SQLite counts a workflow's logs, or those of one status, from the counters (decision 0037).
      const counted =
        db.dialect === 'sqlite' &&
        filter.nodeId === undefined &&
        filter.runId === undefined &&
        filter.from === undefined &&
        filter.to === undefined;
      const [count] = await db.all<Row>(
        counted
          ? `SELECT COALESCE(SUM(n), 0) AS n FROM log_counts ${where}`
          : `SELECT COUNT(*) AS n FROM logs ${where}`,
        values,
      );
      const total = toNumber(count?.n ?? 0);
      const offset = (page.page - 1) * page.perPage;
      // Past the last match there is nothing to read (a status no log has would walk every log).
      if (offset >= total) return { rows: [], total };
      const rows = await db.all<Row>(
        `SELECT * FROM logs ${where} ORDER BY created_at DESC, run_id DESC, seq DESC LIMIT ? OFFSET ?`,
        [...values, page.perPage, offset],
      );
      return { rows: rows.map(logFromRow), total };
    },
    async recentLogs(orgId: string) {
      const rows = await db.all<Row>(
        // Joined on the primary key: logs.id has no index, and a join on it scanned every log.
        `SELECT l.* FROM workflows w JOIN logs l ON (l.run_id, l.seq) = (SELECT x.run_id, x.seq FROM logs x
           WHERE x.workflow_id = w.id ORDER BY x.created_at DESC, x.seq DESC LIMIT 1)
         WHERE w.org_id = ? ORDER BY l.created_at DESC`,
        [orgId],
      );
      return rows.map(logFromRow);
    },
  };
}
