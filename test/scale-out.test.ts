import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../src/api/auth/sign.js';
import { type ChildServer, spawnStratoflow, startChildServer } from './helpers/child-server.js';
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from './helpers/postgres.js';
import { TEST_SECRET } from './helpers/server.js';
import { edge, node } from './helpers/workflows.js';

const RUNS = 500;

describe.skipIf(!postgresAdminUrl())('scale-out on PostgreSQL', () => {
  let database: TestDatabase;
  let dataDir: string;
  let api: ChildServer;
  const workers: ReturnType<typeof spawnStratoflow>[] = [];
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'stratoflow-scale-'));
    token = await signToken(TEST_SECRET, { orgId: 'org_scale', userId: 'usr_1', expiresIn: '1h' });
  });

  afterAll(async () => {
    for (const w of [...workers, api]) {
      if (w && w.child.exitCode === null && w.child.signalCode === null) {
        w.child.kill('SIGKILL');
        await w.exited;
      }
    }
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('one API and three workers complete 500 runs exactly once, surviving a worker killed mid-load', async () => {
    const env = { DATABASE_URL: database.url, STRATOFLOW_LEASE_MS: '3000', STRATOFLOW_PG_POOL_SIZE: '4' };
    api = await startChildServer(dataDir, env, ['--no-worker']);
    for (let i = 0; i < 3; i++) workers.push(spawnStratoflow(['worker', '--concurrency', '50'], env));
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
      return res.json() as Promise<Record<string, unknown>>;
    };
    const wf = await call('POST', '/workflows', {
      name: 'fan-out with delay',
      nodes: [
        node('n1', 'manual_trigger'),
        node('a', 'text_transform', { template: 'a{{ n1.i }}' }),
        node('b', 'text_transform', { template: 'b{{ n1.i }}' }),
        node('wait', 'delay', { duration: 1, unit: 'seconds' }),
        node('join', 'text_transform', { template: '{{ a.text }}{{ b.text }}' }),
      ],
      edges: [edge('n1', 'a'), edge('n1', 'b'), edge('a', 'wait'), edge('wait', 'join'), edge('b', 'join')],
    });
    for (let batch = 0; batch < RUNS; batch += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          call('POST', `/workflows/${wf.id}/execute`, { context: { i: batch + k } }),
        ),
      );
    }
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      const count = async (sql: string) => Number((await db.query(sql)).rows[0].n);
      // Kill one worker while it holds runs (some parked in the delay, some mid-flight).
      const deadline = Date.now() + 20_000;
      while (
        (await count("SELECT COUNT(*) AS n FROM runs WHERE status = 'completed'")) < 50 &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      // ...and only once it holds leases, so that its runs must be taken over by the others.
      const victim = workers[0];
      const held = `SELECT COUNT(*) AS n FROM runs WHERE lease_owner LIKE '%:${victim?.child.pid}:%'`;
      while ((await count(held)) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const orphaned = (
        await db.query(`SELECT id FROM runs WHERE lease_owner LIKE '%:${victim?.child.pid}:%'`)
      ).rows;
      victim?.child.kill('SIGKILL');
      await victim?.exited;
      expect(orphaned.length).toBeGreaterThan(0);
      const finishBy = Date.now() + 90_000;
      while ((await count("SELECT COUNT(*) AS n FROM runs WHERE status IN ('completed', 'failed')")) < RUNS) {
        if (Date.now() > finishBy) throw new Error('runs did not finish');
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await count("SELECT COUNT(*) AS n FROM runs WHERE status = 'completed'")).toBe(RUNS);
      const ids = orphaned.map((r) => `'${r.id}'`).join(',');
      expect(
        await count(`SELECT COUNT(*) AS n FROM runs WHERE id IN (${ids}) AND status = 'completed'`),
      ).toBe(orphaned.length);
      // Every node of every run has exactly one log (one attempt each): no run was executed twice.
      expect(await count('SELECT COUNT(*) AS n FROM logs')).toBe(RUNS * 5);
      expect(
        await count(
          'SELECT COUNT(*) AS n FROM (SELECT run_id, node_id FROM logs GROUP BY run_id, node_id HAVING COUNT(*) > 1) d',
        ),
      ).toBe(0);
      const joined = await db.query(
        "SELECT output FROM logs WHERE node_id = 'join' ORDER BY created_at LIMIT 1",
      );
      expect(JSON.parse(joined.rows[0].output).text).toMatch(/^a\d+b\d+$/);
    } finally {
      await db.end();
    }
  }, 150_000);

  it('three worker processes fire a 1-second interval exactly once per due time for 10 seconds', async () => {
    const db = await createTestDatabase();
    const env = { DATABASE_URL: db.url, STRATOFLOW_PG_POOL_SIZE: '3' };
    const api = await startChildServer(mkdtempSync(join(tmpdir(), 'stratoflow-sched-')), env, [
      '--no-worker',
    ]);
    const procs = Array.from({ length: 3 }, () =>
      spawnStratoflow(['worker', '--concurrency', '8'], { ...env, STRATOFLOW_LOG_LEVEL: 'info' }),
    );
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      // All three schedulers are up before the first due time.
      const bootDeadline = Date.now() + 30_000;
      while (
        !procs.every((p) => p.output().includes('stratoflow worker started')) &&
        Date.now() < bootDeadline
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const res = await fetch(`${api.url}/workflows`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          name: 'every second',
          schedule_type: 'interval',
          schedule_value: '1 seconds',
          nodes: [
            node('n1', 'scheduled_trigger'),
            node('n2', 'text_transform', { template: '{{ n1.scheduled_for }}' }),
          ],
          edges: [edge('n1', 'n2')],
        }),
      });
      const wf = (await res.json()) as { id: string };
      await new Promise((r) => setTimeout(r, 10_000));
      await fetch(`${api.url}/workflows/${wf.id}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ is_active: false }),
      });
      await new Promise((r) => setTimeout(r, 1500));
      const rows = (await client.query('SELECT trigger_payload FROM runs WHERE workflow_id = $1', [wf.id]))
        .rows;
      const due = rows
        .map((r) => Date.parse(JSON.parse(r.trigger_payload).payload.scheduled_for))
        .sort((a, b) => a - b);
      // One run per due time: no duplicates, every run on the 1-second grid, about ten in ten seconds.
      // (A gap of several seconds would mean no scheduler was running then: one catch-up run covers it.)
      expect(new Set(due).size).toBe(due.length);
      for (let i = 1; i < due.length; i++)
        expect(((due[i] as number) - (due[i - 1] as number)) % 1000).toBe(0);
      expect(due.length).toBeGreaterThanOrEqual(7);
      expect(due.length).toBeLessThanOrEqual(12);
    } finally {
      await client.end();
      for (const p of [...procs, api]) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
      await db.drop();
    }
  }, 60_000);
});
