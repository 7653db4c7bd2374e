import type { LogStatus, RunStatus } from '../../domain/types.js';
import type { RunDayCount } from '../store.js';
import type { Db } from './db.js';
import { toNumber } from './rows.js';

type Row = Record<string, unknown>;
const DAY_MS = 86_400_000;

/**
 * The counts behind the statistics endpoints. On SQLite they are read from the counters that triggers
 * keep (migration 0012, decision 0037): a few rows per workflow and day, however long its history. On
 * PostgreSQL they are scans of the workflow's runs and logs, run by the server's own process.
 */
export function countQueries(db: Db) {
  const counted = db.dialect === 'sqlite';
  const runsByStatus = counted
    ? 'SELECT status, SUM(n) AS n FROM run_counts WHERE org_id = ? AND workflow_id = ? GROUP BY status HAVING SUM(n) > 0'
    : 'SELECT status, COUNT(*) AS n FROM runs WHERE org_id = ? AND workflow_id = ? GROUP BY status';
  const logsByStatus = counted
    ? 'SELECT status, n FROM log_counts WHERE org_id = ? AND workflow_id = ? AND n > 0'
    : 'SELECT status, COUNT(*) AS n FROM logs WHERE org_id = ? AND workflow_id = ? GROUP BY status';
  const perDay = (ofWorkflow: boolean) =>
    counted
      ? `SELECT workflow_id, day, status, n FROM run_counts
         WHERE org_id = ? AND day >= ?${ofWorkflow ? ' AND workflow_id = ?' : ''} AND n > 0`
      : `SELECT workflow_id, created_at / ${DAY_MS} AS day, status, COUNT(*) AS n FROM runs
         WHERE org_id = ? AND created_at >= ?${ofWorkflow ? ' AND workflow_id = ?' : ''}
         GROUP BY workflow_id, created_at / ${DAY_MS}, status`;

  async function byStatus<S extends string>(sql: string, orgId: string, workflowId: string) {
    const counts: Partial<Record<S, number>> = {};
    for (const row of await db.all<Row>(sql, [orgId, workflowId])) counts[row.status as S] = toNumber(row.n);
    return counts;
  }

  return {
    countRunsByStatus: (orgId: string, workflowId: string) =>
      byStatus<RunStatus>(runsByStatus, orgId, workflowId),
    countLogsByStatus: (orgId: string, workflowId: string) =>
      byStatus<LogStatus>(logsByStatus, orgId, workflowId),
    async countRunsPerDay(orgId: string, sinceMs: number, workflowId?: string): Promise<RunDayCount[]> {
      // Whole days: the counters know no finer time.
      const firstDay = Math.floor(sinceMs / DAY_MS);
      const since = counted ? firstDay : firstDay * DAY_MS;
      const rows = await db.all<Row>(
        perDay(workflowId !== undefined),
        workflowId !== undefined ? [orgId, since, workflowId] : [orgId, since],
      );
      return rows.map((row) => ({
        workflowId: row.workflow_id as string,
        day: toNumber(row.day),
        status: row.status as RunStatus,
        count: toNumber(row.n),
      }));
    },
  };
}
