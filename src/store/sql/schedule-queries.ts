import type { RunRecord } from '../../domain/types.js';
import type { DueWorkflow } from '../store.js';
import type { Db } from './db.js';
import { insertSql, RUN_COLUMNS, runValues, toNumber } from './rows.js';
import { RUNS_READY_CHANNEL } from './run-queries.js';

const INSERT_RUN = insertSql('runs', RUN_COLUMNS);
/** Wakes every listening worker at commit (PostgreSQL), like any other new run. */
const NOTIFY_READY = `SELECT pg_notify('${RUNS_READY_CHANNEL}', '')`;

/** The compare-and-set every scheduler races on: only the one that still sees `expected` moves it on. */
const ADVANCE = 'UPDATE workflows SET next_run_at = ? WHERE id = ? AND next_run_at = ? AND is_active = 1';

/**
 * A scheduled run created at or after the due time means that due time was already fired: the run that
 * fires a due time `T` is created at `now >= T`, and the next due time is computed strictly after that
 * `now`. This catches a due time that came back because a concurrent workflow save (which read the
 * workflow before the fire and writes the whole row) put the old `next_run_at` back.
 */
const ALREADY_FIRED =
  "SELECT 1 AS fired FROM runs WHERE workflow_id = ? AND origin = 'schedule' AND created_at >= ? LIMIT 1";

type Row = Record<string, unknown>;

function dueFromRow(row: Row): DueWorkflow {
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    versionId: row.version_id as string,
    scheduleType: (row.schedule_type as string | null) ?? 'manual',
    scheduleValue: (row.schedule_value as string | null) ?? null,
    scheduleTimezone: (row.schedule_timezone as string | null) ?? null,
    nextRunAt: toNumber(row.next_run_at),
  };
}

export function scheduleQueries(db: Db) {
  return {
    async dueWorkflows(now: number, limit: number) {
      const rows = await db.all<Row>(
        `SELECT id, org_id, version_id, schedule_type, schedule_value, schedule_timezone, next_run_at
           FROM workflows WHERE is_active = 1 AND next_run_at <= ? ORDER BY next_run_at LIMIT ?`,
        [now, limit],
      );
      return rows.map(dueFromRow);
    },
    async nextScheduledAt() {
      const [row] = await db.all<Row>('SELECT MIN(next_run_at) AS t FROM workflows WHERE is_active = 1');
      return row?.t === null || row?.t === undefined ? null : toNumber(row.t);
    },
    async fireSchedule(workflowId: string, expectedNextRunAt: number, newNextRunAt: number, run: RunRecord) {
      return db.transaction(async (tx) => {
        const moved = await tx.run(ADVANCE, [newNextRunAt, workflowId, expectedNextRunAt]);
        if (moved === 0) return false;
        const fired = await tx.all<Row>(ALREADY_FIRED, [workflowId, expectedNextRunAt]);
        if (fired.length > 0) return false;
        await tx.run(INSERT_RUN, runValues(run));
        if (db.dialect === 'postgres') await tx.all(NOTIFY_READY);
        return true;
      });
    },
    async advanceSchedule(workflowId: string, expectedNextRunAt: number, newNextRunAt: number | null) {
      const changed = await db.run('UPDATE workflows SET next_run_at = ? WHERE id = ? AND next_run_at = ?', [
        newNextRunAt,
        workflowId,
        expectedNextRunAt,
      ]);
      return changed > 0;
    },
  };
}
