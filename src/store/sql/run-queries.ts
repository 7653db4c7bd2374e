import type { RunRecord } from '../../domain/types.js';
import type { IdempotencyClaim, PageRequest, RunFilter, RunPatch } from '../store.js';
import type { Db, SqlRunner, SqlValue } from './db.js';
import { insertSql, json, RUN_COLUMNS, runFromRow, runValues, toNumber } from './rows.js';

export const INSERT_RUN = insertSql('runs', RUN_COLUMNS);
/** PostgreSQL channel announcing runs that became ready (created, or a parent woken by its child). */
export const RUNS_READY_CHANNEL = 'stratoflow_runs_ready';
const NOTIFY = `SELECT pg_notify('${RUNS_READY_CHANNEL}', '')`;
type Row = Record<string, unknown>;
/** Statuses of runs a worker may take: new, parked on a timer, or waiting for people (until a timeout). */
const PARKABLE = "('pending', 'running', 'awaiting_ui_interaction')";

/** SET clause and values for a run patch; the SQL text depends only on which fields are present. */
export function patchToSql(patch: RunPatch): { set: string[]; values: SqlValue[] } {
  const set: string[] = [];
  const values: SqlValue[] = [];
  const add = (column: string, value: SqlValue) => {
    set.push(`${column} = ?`);
    values.push(value);
  };
  if (patch.status !== undefined) add('status', patch.status);
  if (patch.errorMessage !== undefined) add('error_message', patch.errorMessage);
  if (patch.failedNodeId !== undefined) add('failed_node_id', patch.failedNodeId);
  if (patch.startedAt !== undefined) add('started_at', patch.startedAt);
  if (patch.completedAt !== undefined) add('completed_at', patch.completedAt);
  if (patch.readyAt !== undefined) add('ready_at', patch.readyAt);
  if (patch.state !== undefined) add('state', json(patch.state));
  if (patch.releaseLease) set.push('lease_owner = NULL', 'lease_expires_at = NULL');
  return { set, values };
}

async function findIdempotent(tx: SqlRunner, orgId: string, claim: IdempotencyClaim) {
  const [row] = await tx.all<Row>(
    'SELECT r.* FROM idempotency_keys k JOIN runs r ON r.id = k.run_id WHERE k.org_id = ? AND k.key = ? AND k.created_at >= ?',
    [orgId, claim.key, claim.notBefore],
  );
  return row ? runFromRow(row) : null;
}

export function runQueries(db: Db) {
  const skipLocked = db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  // Only the lease changes: a run stays `pending` until its first step commits (which records that it
  // started), so a claimed `pending` run is known to have no logs yet.
  // `lease_taken_from` keeps the previous owner (the right-hand side reads the row before the update):
  // non-null exactly when this claim took over an expired lease.
  const claimSql = `UPDATE runs SET lease_owner = ?, lease_expires_at = ?,
      first_claimed_at = COALESCE(first_claimed_at, ?), lease_taken_from = lease_owner
    WHERE id IN (SELECT id FROM runs WHERE status IN ${PARKABLE} AND ready_at <= ?
      AND (lease_owner IS NULL OR lease_expires_at < ?) ORDER BY ready_at LIMIT ?${skipLocked})
    RETURNING *`;

  // PostgreSQL: the insert and its NOTIFY in one statement (a data-modifying CTE), atomic without BEGIN.
  const insertAndNotify = `WITH inserted AS (${INSERT_RUN} RETURNING id) SELECT pg_notify('${RUNS_READY_CHANNEL}', '') FROM inserted`;

  async function insertRun(run: RunRecord, claim: IdempotencyClaim | undefined) {
    if (!claim) {
      // The common case is one statement: no transaction round trips.
      const announce = db.dialect === 'postgres' && run.leaseOwner === null;
      if (announce) await db.all(insertAndNotify, runValues(run));
      else await db.run(INSERT_RUN, runValues(run));
      return { run, created: true };
    }
    return db.transaction(async (tx) => {
      if (claim) {
        const existing = await findIdempotent(tx, run.orgId, claim);
        if (existing) return { run: existing, created: false };
        // Only an expired key may be replaced: a live one committed meanwhile by a concurrent call must
        // survive, so that this insert collides with it and the retry below returns its run.
        await tx.run('DELETE FROM idempotency_keys WHERE org_id = ? AND key = ? AND created_at < ?', [
          run.orgId,
          claim.key,
          claim.notBefore,
        ]);
        await tx.run('INSERT INTO idempotency_keys (org_id, key, run_id, created_at) VALUES (?, ?, ?, ?)', [
          run.orgId,
          claim.key,
          run.id,
          run.createdAt,
        ]);
      }
      await tx.run(INSERT_RUN, runValues(run));
      // Delivered at commit to every listening worker; SQLite's single process wakes its worker directly.
      if (db.dialect === 'postgres' && run.leaseOwner === null) await tx.all(NOTIFY);
      return { run, created: true };
    });
  }

  async function findRuns(orgId: string, filter: RunFilter, page: PageRequest) {
    const conditions: string[] = [];
    const values: SqlValue[] = [orgId];
    if (filter.workflowId !== undefined) {
      conditions.push('workflow_id = ?');
      values.push(filter.workflowId);
    }
    if (filter.status === 'failed') {
      // As text: SQLite reads the partial index runs_failed only for a query that repeats its predicate.
      conditions.push("status = 'failed'");
    } else if (filter.status !== undefined) {
      conditions.push('status = ?');
      values.push(filter.status);
    }
    const where = (org: string) => `WHERE ${[org, ...conditions].join(' AND ')}`;
    // SQLite: the total from the counters (decision 0037), which have the same columns.
    const [count] = await db.all<Row>(
      db.dialect === 'sqlite'
        ? `SELECT COALESCE(SUM(n), 0) AS n FROM run_counts ${where('org_id = ?')}`
        : `SELECT COUNT(*) AS n FROM runs ${where('org_id = ?')}`,
      values,
    );
    const total = toNumber(count?.n ?? 0);
    const offset = (page.page - 1) * page.perPage;
    // Past the last match there is nothing to read (a status no run has would walk every run).
    if (offset >= total) return { rows: [], total };
    // One workflow's runs are read through runs_workflow. Without statistics SQLite may take runs_org
    // instead and walk the organization's whole history for a quiet workflow; `+` keeps it off org_id.
    const byWorkflow =
      db.dialect === 'sqlite' && filter.workflowId !== undefined && filter.status !== 'failed';
    const rows = await db.all<Row>(
      `SELECT * FROM runs ${where(byWorkflow ? '+org_id = ?' : 'org_id = ?')}
       ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
      [...values, page.perPage, offset],
    );
    return { rows: rows.map(runFromRow), total };
  }

  return {
    async createRun(run: RunRecord, claim?: IdempotencyClaim) {
      try {
        return await insertRun(run, claim);
      } catch (error) {
        // Two concurrent requests with one key (PostgreSQL): the loser retries and finds the winner.
        if (claim && isUniqueViolation(error)) return insertRun(run, claim);
        throw error;
      }
    },
    async getRun(orgId: string, runId: string) {
      const [row] = await db.all<Row>('SELECT * FROM runs WHERE id = ? AND org_id = ?', [runId, orgId]);
      return row ? runFromRow(row) : null;
    },
    async getRunByIdempotencyKey(orgId: string, key: string) {
      return findIdempotent(db, orgId, { key, notBefore: Number.MIN_SAFE_INTEGER });
    },
    listRuns: (orgId: string, workflowId: string, page: PageRequest) => findRuns(orgId, { workflowId }, page),
    findRuns,
    async latestRuns(orgId: string) {
      // One indexed probe per workflow (runs_workflow: workflow_id, created_at) instead of a scan of every run.
      const workflows = await db.all<Row>('SELECT id FROM workflows WHERE org_id = ?', [orgId]);
      const latest: RunRecord[] = [];
      for (const { id } of workflows) {
        const [row] = await db.all<Row>(
          'SELECT * FROM runs WHERE workflow_id = ? AND org_id = ? ORDER BY created_at DESC, id DESC LIMIT 1',
          [id as string, orgId],
        );
        if (row) latest.push(runFromRow(row));
      }
      return latest;
    },
    async recentFailedRuns(orgId: string, limit: number) {
      const rows = await db.all<Row>(
        "SELECT * FROM runs WHERE org_id = ? AND status = 'failed' ORDER BY created_at DESC, id DESC LIMIT ?",
        [orgId, limit],
      );
      return rows.map(runFromRow);
    },
    async claimRuns(owner: string, now: number, leaseMs: number, limit: number) {
      const rows = await db.all<Row>(claimSql, [owner, now + leaseMs, now, now, now, limit]);
      return rows.map(runFromRow);
    },
    async heartbeat(owner: string, runIds: readonly string[], leaseUntil: number) {
      if (runIds.length === 0) return [];
      const marks = runIds.map(() => '?').join(', ');
      const held = await db.all<Row>(
        `UPDATE runs SET lease_expires_at = ? WHERE lease_owner = ? AND id IN (${marks}) RETURNING id`,
        [leaseUntil, owner, ...runIds],
      );
      const kept = new Set(held.map((r) => r.id as string));
      return runIds.filter((id) => !kept.has(id));
    },
    async wakeRun(runId: string, at: number) {
      const woken = await db.run(
        `UPDATE runs SET ready_at = ? WHERE id = ? AND status IN ('running', 'awaiting_ui_interaction')
         AND lease_owner IS NULL AND ready_at > ?`,
        [at, runId, at],
      );
      if (woken > 0 && db.dialect === 'postgres') await db.all(NOTIFY);
    },
    async countRunsInFlight(orgId: string) {
      // Read from the index of unfinished runs, never from the organization's whole history: SQLite,
      // which keeps no statistics, would otherwise count through every run of the organization.
      const [row] = await db.all<Row>(
        `SELECT COUNT(*) AS n FROM runs${db.dialect === 'sqlite' ? ' INDEXED BY runs_ready' : ''}
          WHERE status IN ${PARKABLE} AND status <> 'awaiting_ui_interaction' AND org_id = ?`,
        [orgId],
      );
      return toNumber(row?.n ?? 0);
    },
    async recordCrash(runId: string, owner: string) {
      const [row] = await db.all<Row>(
        'UPDATE runs SET crash_count = crash_count + 1 WHERE id = ? AND lease_owner = ? RETURNING crash_count',
        [runId, owner],
      );
      return row ? toNumber(row.crash_count) : null;
    },
    async releaseAllLeases() {
      return db.run(
        // Finished runs hold no lease: only the index of unfinished runs is read.
        `UPDATE runs SET lease_owner = NULL, lease_expires_at = NULL
          WHERE status IN ${PARKABLE} AND lease_owner IS NOT NULL`,
      );
    },
    async readyQueue(now: number) {
      const [row] = await db.all<Row>(
        `SELECT COUNT(*) AS n, MIN(ready_at) AS t FROM runs WHERE status IN ${PARKABLE} AND ready_at <= ?
           AND (lease_owner IS NULL OR lease_expires_at < ?)`,
        [now, now],
      );
      const oldest = row?.t === null || row?.t === undefined ? null : toNumber(row.t);
      return { depth: toNumber(row?.n ?? 0), oldestReadyAt: oldest };
    },
    async nextReadyAt() {
      const [row] = await db.all<Row>(
        `SELECT MIN(ready_at) AS t FROM runs WHERE status IN ${PARKABLE} AND lease_owner IS NULL`,
      );
      return row?.t === null || row?.t === undefined ? null : toNumber(row.t);
    },
  };
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
