import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';

const DAY = 'created_at / 86400000';

/** Trigger statements: one more run (log) for the `new` row's counter, one fewer for the `old` row's. */
const addRun = `INSERT INTO run_counts (org_id, workflow_id, day, status, n)
  VALUES (new.org_id, new.workflow_id, new.${DAY}, new.status, 1)
  ON CONFLICT (org_id, workflow_id, day, status) DO UPDATE SET n = n + 1;`;
const removeRun = `UPDATE run_counts SET n = n - 1
  WHERE org_id = old.org_id AND workflow_id = old.workflow_id AND day = old.${DAY} AND status = old.status;`;
const addLog = `INSERT INTO log_counts (org_id, workflow_id, status, n) VALUES (new.org_id, new.workflow_id, new.status, 1)
  ON CONFLICT (org_id, workflow_id, status) DO UPDATE SET n = n + 1;`;
const removeLog = `UPDATE log_counts SET n = n - 1
  WHERE org_id = old.org_id AND workflow_id = old.workflow_id AND status = old.status;`;

/**
 * SQLite only: counts of runs (per organization, workflow, UTC day of creation and status) and of logs
 * (per organization, workflow and status), kept by triggers in the transaction that writes the row
 * (docs/decisions/0037). The statistics endpoints read them instead of scanning a workflow's whole
 * history: better-sqlite3 runs a query on the event loop, and the scans over ~130,000 runs held it for
 * ~600 ms, during which the server answered nothing else. PostgreSQL runs its scans in its own process,
 * and a counter row there would serialize the commits of every run of a workflow: nothing changes there.
 *
 * A counter can reach zero and stay; readers skip such rows. Rows written before this migration are
 * counted here, in its transaction.
 */
export const runCounts: Migration = {
  async up(db: Kysely<unknown>) {
    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
    const statements = [
      `CREATE TABLE run_counts (org_id TEXT NOT NULL, workflow_id TEXT NOT NULL, day INTEGER NOT NULL,
        status TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (org_id, workflow_id, day, status)) WITHOUT ROWID`,
      // The organization's activity chart reads its last 30 days across workflows.
      'CREATE INDEX run_counts_day ON run_counts (org_id, day)',
      `CREATE TABLE log_counts (org_id TEXT NOT NULL, workflow_id TEXT NOT NULL, status TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (org_id, workflow_id, status)) WITHOUT ROWID`,
      `INSERT INTO run_counts (org_id, workflow_id, day, status, n)
        SELECT org_id, workflow_id, ${DAY}, status, COUNT(*) FROM runs GROUP BY 1, 2, 3, 4`,
      `INSERT INTO log_counts (org_id, workflow_id, status, n)
        SELECT org_id, workflow_id, status, COUNT(*) FROM logs GROUP BY 1, 2, 3`,
      `CREATE TRIGGER run_counts_insert AFTER INSERT ON runs BEGIN ${addRun} END`,
      `CREATE TRIGGER run_counts_update AFTER UPDATE OF org_id, workflow_id, created_at, status ON runs
        WHEN old.status IS NOT new.status OR old.created_at IS NOT new.created_at
          OR old.workflow_id IS NOT new.workflow_id OR old.org_id IS NOT new.org_id
        BEGIN ${removeRun} ${addRun} END`,
      `CREATE TRIGGER run_counts_delete AFTER DELETE ON runs BEGIN ${removeRun} END`,
      `CREATE TRIGGER log_counts_insert AFTER INSERT ON logs BEGIN ${addLog} END`,
      `CREATE TRIGGER log_counts_update AFTER UPDATE OF org_id, workflow_id, status ON logs
        WHEN old.status IS NOT new.status OR old.workflow_id IS NOT new.workflow_id OR old.org_id IS NOT new.org_id
        BEGIN ${removeLog} ${addLog} END`,
      `CREATE TRIGGER log_counts_delete AFTER DELETE ON logs BEGIN ${removeLog} END`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
