import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecord, workflowRecord } from '../../test/helpers/records.js';
import type { Db, SqlRunner, SqlValue } from './sql/db.js';
import { openMigratedStore } from './sql/open-migrated.js';
import { openSqliteDb } from './sqlite/sqlite-db.js';
import type { Store } from './store.js';

/**
 * The plans SQLite chooses for the queries that read the runs table by status or age (decision 0030).
 * SQLite keeps no statistics, so a plan that reads every run, or sorts every finished one, works on a
 * small test database and stalls the event loop on a large one: the plans themselves are checked here,
 * on a real database file, by running each store method and explaining every statement it sends.
 */
describe('query plans of the runs table (SQLite)', () => {
  let dir: string;
  let store: Store;
  const plans = new Map<string, string[]>();
  let current = '';

  /** The Db port, explaining each statement (on the same connection) before running it. */
  function explaining(db: Db, raw: Database.Database): Db {
    const explain = (sql: string, params: readonly SqlValue[] = []) => {
      if (
        !current ||
        !/\b(runs|logs|run_counts|log_counts)\b/.test(sql) ||
        /^\s*(BEGIN|COMMIT|SAVEPOINT|RELEASE)/i.test(sql)
      )
        return;
      const rows = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      plans.set(current, [...(plans.get(current) ?? []), ...rows.map((r) => r.detail)]);
    };
    const runner = (inner: SqlRunner): SqlRunner => ({
      all: (sql, params) => {
        explain(sql, params);
        return inner.all(sql, params);
      },
      run: (sql, params) => {
        explain(sql, params);
        return inner.run(sql, params);
      },
    });
    return {
      ...db,
      ...runner(db),
      dialect: db.dialect,
      transaction: (fn) => db.transaction((tx) => fn(runner(tx))),
      close: () => db.close(),
    };
  }

  async function planOf(name: string, call: () => Promise<unknown>): Promise<string> {
    current = name;
    try {
      await call();
    } finally {
      current = '';
    }
    return (plans.get(name) ?? []).join('\n');
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stratoflow-plans-'));
    const { db, raw } = openSqliteDb(join(dir, 'stratoflow.db'));
    const kysely = async () => {
      const { Kysely, SqliteDialect } = await import('kysely');
      return new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    };
    store = await openMigratedStore(explaining(db, raw), kysely);
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the retention sweep walks finished runs in completion order, sorting nothing', async () => {
    const plan = await planOf('retention', () => store.deleteFinishedRuns(Date.now(), 10));
    expect(plan).toMatch(/SEARCH r USING INDEX runs_completed \(completed_at<\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('the in-flight quota counts unfinished runs, not the organization’s history', async () => {
    const plan = await planOf('quota', () => store.countRunsInFlight('org_a'));
    expect(plan).toMatch(/USING (COVERING )?INDEX runs_ready/);
    expect(plan).not.toMatch(/runs_org/);
  });

  it('the claim queue and its metrics read the index of unfinished runs', async () => {
    const claim = await planOf('claim', () => store.claimRuns('worker', Date.now(), 30_000, 10));
    const queue = await planOf('queue', () => store.readyQueue(Date.now()));
    const next = await planOf('next', () => store.nextReadyAt());
    for (const plan of [claim, queue, next]) {
      expect(plan).toMatch(/USING (COVERING )?INDEX runs_ready/);
      expect(plan).not.toMatch(/SCAN runs\b/);
    }
  });

  it('releasing every lease at start-up reads unfinished runs only', async () => {
    const plan = await planOf('release', () => store.releaseAllLeases());
    expect(plan).toMatch(/USING INDEX runs_ready/);
    expect(plan).not.toMatch(/SCAN runs\b/);
  });

  it('the statistics read the counters, a few rows per workflow and day, not the history (decision 0037)', async () => {
    const plan = await planOf('stats', () =>
      Promise.all([
        store.countRunsByStatus('org_a', 'fl_a'),
        store.countRunsPerDay('org_a', Date.now(), 'fl_a'),
        store.countRunsPerDay('org_a', Date.now()),
        store.countLogsByStatus('org_a', 'fl_a'),
      ]),
    );
    expect(plan).toMatch(/SEARCH run_counts USING PRIMARY KEY \(org_id=\? AND workflow_id=\?/);
    expect(plan).toMatch(/SEARCH run_counts USING INDEX run_counts_day \(org_id=\? AND day>\?\)/);
    expect(plan).toMatch(/SEARCH log_counts USING PRIMARY KEY/);
    expect(plan).not.toMatch(/\b(runs|logs)\b/);
  });

  it('the dashboard reads the latest failures through the index of failed runs', async () => {
    const plan = await planOf('failures', () => store.recentFailedRuns('org_a', 10));
    expect(plan).toMatch(/SEARCH runs USING INDEX runs_failed \(org_id=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/); // only ties of created_at are sorted
  });

  it('run lists count from the counters and read one workflow through runs_workflow', async () => {
    const page = { page: 1, perPage: 20 };
    const w = workflowRecord(Date.now());
    await store.createWorkflow(w);
    await store.createRun(runRecord(w, Date.now()));
    const one = await planOf('workflow runs', () => store.findRuns('org_a', { workflowId: w.id }, page));
    expect(one).toMatch(/SEARCH run_counts USING PRIMARY KEY \(org_id=\? AND workflow_id=\?\)/);
    expect(one).toMatch(/SEARCH runs USING INDEX runs_workflow \(workflow_id=\?\)/);
    const all = await planOf('org runs', () => store.findRuns('org_a', { status: 'completed' }, page));
    expect(all).toMatch(/SEARCH run_counts USING PRIMARY KEY \(org_id=\?\)/);
    expect(all).not.toMatch(/SEARCH runs/); // no completed run: nothing to read
  });

  it('failed runs are listed through the index of failed runs, for the organization and one workflow', async () => {
    const page = { page: 1, perPage: 20 };
    const w = workflowRecord(Date.now());
    await store.createWorkflow(w);
    await store.createRun(runRecord(w, Date.now(), { status: 'failed' }));
    const org = await planOf('org failed', () => store.findRuns('org_a', { status: 'failed' }, page));
    const one = await planOf('wf failed', () =>
      store.findRuns('org_a', { workflowId: w.id, status: 'failed' }, page),
    );
    for (const plan of [org, one]) expect(plan).toMatch(/SEARCH runs USING INDEX runs_failed \(org_id=\?\)/);
  });

  it('log lists count from the counters, and the latest logs are joined on the primary key', async () => {
    const plans: string[] = [];
    const traced = async (name: string, call: () => Promise<unknown>) => plans.push(await planOf(name, call));
    await traced('logs', () =>
      store.listLogs('org_a', 'fl_a', { status: 'error' }, { page: 1, perPage: 20 }),
    );
    await traced('recent', () => store.recentLogs('org_a'));
    expect(plans[0]).toMatch(/SEARCH log_counts USING PRIMARY KEY/);
    expect(plans[0]).not.toMatch(/\blogs\b/);
    expect(plans[1]).toMatch(/SEARCH l USING INDEX sqlite_autoindex_logs_1 \(run_id=\? AND seq=\?\)/);
    expect(plans[1]).not.toMatch(/SCAN l\b/);
  });
});
