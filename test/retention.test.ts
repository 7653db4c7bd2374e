import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../src/domain/time.js';
import { SQLITE_FILE_NAME } from '../src/store/open-store.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, node, waitForRun } from './helpers/workflows.js';

/**
 * Retention end to end: a steady stream of runs through HTTP while a clock the test moves goes forward
 * half a day per round, with one day of retention. Old runs disappear from the API and the SQLite file
 * stops growing.
 */
const DAY = 86_400_000;
const ROUNDS = 10;
const RUNS_PER_ROUND = 40;

let t: TestServer;
let db: Database.Database;
let now = Date.UTC(2030, 0, 1);
const clock: Clock = { now: () => now };

beforeAll(async () => {
  t = await startTestServer({ retentionMs: DAY }, {}, { clock, retentionIntervalMs: 100 });
  db = new Database(join(t.dataDir, SQLITE_FILE_NAME));
}, 30_000);

afterAll(async () => {
  db?.close();
  await t?.close();
});

/** The database file's size once the WAL is written back into it. */
function fileSize(): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(join(t.dataDir, SQLITE_FILE_NAME)).size;
}

/** Waits until the sweep deleted every run past the retention and gave the free space back. */
async function swept() {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM runs WHERE completed_at < ?').get(now - DAY) as {
      n: number;
    };
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    if (n === 0 && (free < 64 || free * 10 < pages)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the retention sweep did not finish in time');
}

describe('retention', () => {
  it('deletes runs past the retention, and the database file stops growing', async () => {
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2); // incremental
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'text_transform', { template: `{{ n1.i }} ${'payload '.repeat(250)}` }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const sizes: number[] = [];
    let firstRun = '';
    for (let round = 0; round < ROUNDS; round++) {
      const ids: string[] = [];
      for (let i = 0; i < RUNS_PER_ROUND; i++) {
        const res = await t.call('POST', `/workflows/${wf.id}/execute`, { body: { context: { i } } });
        expect(res.status).toBe(202);
        ids.push(res.body.id);
      }
      for (const id of ids) expect((await waitForRun(t, id)).status).toBe('completed');
      firstRun ||= ids[0] as string;
      now += DAY / 2;
      await swept();
      sizes.push(fileSize());
    }
    // The first round ended five days ago: gone from the API, logs included.
    expect((await t.call('GET', `/workflows/runs/${firstRun}`)).status).toBe(404);
    // Kept: the rounds that ended within the last day (two or three of them).
    const kept = db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number };
    expect(kept.n).toBeLessThanOrEqual(3 * RUNS_PER_ROUND);
    // Without retention the file would keep growing by a round's worth (~40 runs × 4 kB) each round;
    // with it, the size after round 4 bounds every later one.
    const plateau = sizes[3] as number;
    for (const size of sizes.slice(4)) expect(size).toBeLessThanOrEqual(plateau * 1.1);
    expect(sizes.at(-1)).toBeLessThan((sizes[0] as number) * 4);
  }, 180_000);

  it('converts a database made before retention to incremental vacuum, keeping its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stratoflow-vacuum-'));
    try {
      const file = join(dir, SQLITE_FILE_NAME);
      const old = new Database(file);
      old.pragma('auto_vacuum = NONE');
      old.exec("CREATE TABLE legacy (x TEXT); INSERT INTO legacy VALUES ('kept')");
      old.close();
      const store = await openSqliteStore(file);
      await store.close();
      const reopened = new Database(file);
      expect(reopened.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(reopened.prepare('SELECT x FROM legacy').get()).toEqual({ x: 'kept' });
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
