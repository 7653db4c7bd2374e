import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from './index.js';

const DAY = 86_400_000;

/** Inserts a row, giving every other NOT NULL column without a default a placeholder value. */
function insert(raw: Database.Database, table: string, values: Record<string, unknown>) {
  const columns = raw.prepare(`PRAGMA table_info(${table})`).all() as {
    name: string;
    notnull: number;
    dflt_value: unknown;
  }[];
  const row = { ...values };
  for (const c of columns) if (c.notnull && c.dflt_value === null && !(c.name in row)) row[c.name] = 0;
  const names = Object.keys(row);
  raw
    .prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)
    .run(...names.map((n) => row[n]));
}

it('0012 counts the runs and logs written before it, and the triggers count the ones after', async () => {
  const raw = new Database(':memory:');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  await migrateTo(db, '0011-active-run-indexes');
  const run = (id: string, status: string, createdAt: number, workflowId = 'fl_a') =>
    insert(raw, 'runs', { id, org_id: 'org_a', workflow_id: workflowId, status, created_at: createdAt });
  const log = (runId: string, seq: number, status: string) =>
    insert(raw, 'logs', {
      id: `${runId}_${seq}`,
      org_id: 'org_a',
      run_id: runId,
      workflow_id: 'fl_a',
      seq,
      status,
    });
  run('r1', 'completed', 10 * DAY + 5);
  run('r2', 'completed', 10 * DAY + 6);
  run('r3', 'failed', 11 * DAY);
  run('r4', 'completed', 11 * DAY, 'fl_b');
  log('r1', 0, 'success');
  log('r3', 0, 'error');
  await migrateToLatest(db);

  const runCounts = () =>
    raw.prepare('SELECT workflow_id, day, status, n FROM run_counts WHERE n > 0 ORDER BY 1, 2, 3').all();
  const logCounts = () =>
    raw.prepare('SELECT workflow_id, status, n FROM log_counts WHERE n > 0 ORDER BY 1, 2').all();
  expect(runCounts()).toEqual([
    { workflow_id: 'fl_a', day: 10, status: 'completed', n: 2 },
    { workflow_id: 'fl_a', day: 11, status: 'failed', n: 1 },
    { workflow_id: 'fl_b', day: 11, status: 'completed', n: 1 },
  ]);
  expect(logCounts()).toEqual([
    { workflow_id: 'fl_a', status: 'error', n: 1 },
    { workflow_id: 'fl_a', status: 'success', n: 1 },
  ]);

  run('r5', 'pending', 11 * DAY + 1);
  raw.prepare("UPDATE runs SET status = 'failed' WHERE id = 'r5'").run();
  raw.prepare("UPDATE runs SET status = 'failed' WHERE id = 'r5'").run(); // unchanged: counted once
  raw.prepare("DELETE FROM runs WHERE id = 'r1'").run();
  log('r5', 0, 'warning');
  raw.prepare("DELETE FROM logs WHERE run_id = 'r1'").run();
  expect(runCounts()).toEqual([
    { workflow_id: 'fl_a', day: 10, status: 'completed', n: 1 },
    { workflow_id: 'fl_a', day: 11, status: 'failed', n: 2 },
    { workflow_id: 'fl_b', day: 11, status: 'completed', n: 1 },
  ]);
  expect(logCounts()).toEqual([
    { workflow_id: 'fl_a', status: 'error', n: 1 },
    { workflow_id: 'fl_a', status: 'warning', n: 1 },
  ]);
  await db.destroy();
});
