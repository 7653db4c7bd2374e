import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../src/domain/time.js';
import { postgresAdminUrl, useTestDatabase } from './helpers/postgres.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, node, waitForRun } from './helpers/workflows.js';

/**
 * Scheduled workflows end to end over HTTP: real clock where timing is the point (an interval that fires
 * during the test), a fake clock (passed to the server) where it is not (cron minutes, downtime).
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const T0 = Date.UTC(2030, 0, 7, 12, 0, 30, 250); // a Monday, 12:00:30.250 UTC

/** A clock the test moves by hand. */
function fakeClock(start: number): Clock & { set(t: number): void } {
  let now = start;
  return { now: () => now, set: (t) => (now = t) };
}

const ms = (iso: string) => Date.parse(iso);
const sleep = (duration: number) => new Promise((r) => setTimeout(r, duration));

function scheduled(schedule: Record<string, unknown>) {
  return {
    ...schedule,
    nodes: [
      node('n1', 'scheduled_trigger'),
      node('n2', 'text_transform', { template: 'fired for {{ n1.scheduled_for }}' }),
    ],
    edges: [edge('n1', 'n2')],
  };
}

async function runsOf(t: TestServer, workflowId: string) {
  const res = await t.call('GET', `/workflows/${workflowId}/executions?per_page=100&include=trigger_payload`);
  expect(res.status).toBe(200);
  return res.body.data as Array<{ id: string; created_at: string; trigger_payload: Record<string, string> }>;
}

async function waitForRunCount(t: TestServer, workflowId: string, count: number, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await runsOf(t, workflowId);
    if (runs.length >= count) return runs;
    if (Date.now() > deadline) throw new Error(`only ${runs.length} of ${count} runs after ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function nextRunAt(t: TestServer, workflowId: string): Promise<string | null> {
  const res = await t.call('GET', `/workflows/${workflowId}`);
  expect(res.status).toBe(200);
  return res.body.next_run_at;
}

const open: TestServer[] = [];
async function server(...args: Parameters<typeof startTestServer>) {
  const t = await startTestServer(...args);
  open.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

describe('schedules (real clock)', () => {
  it('fires an interval at each due time, once, with scheduled_for; inactive ones never fire', async () => {
    const t = await server();
    const active = await createWorkflow(
      t,
      scheduled({ schedule_type: 'interval', schedule_value: '1 seconds' }),
    );
    const inactive = await createWorkflow(
      t,
      scheduled({ schedule_type: 'interval', schedule_value: '1 seconds', is_active: false }),
    );
    const firstDue = ms(active.next_run_at);
    expect(firstDue - ms(active.created_at)).toBeGreaterThanOrEqual(SECOND);
    expect(firstDue - ms(active.created_at)).toBeLessThan(SECOND + 100);

    const runs = (await waitForRunCount(t, active.id, 2)).reverse(); // oldest first
    const due = runs.map((r) => ms(r.trigger_payload.scheduled_for ?? ''));
    // Each due time of the grid fired exactly once, in order, none skipped...
    expect(due).toEqual(due.map((_, k) => firstDue + k * SECOND));
    // ...and promptly: the first within the scheduler's 1 s look-around, later ones before the next due
    // time (generous, so that a busy CI machine does not make this flaky).
    for (const [k, run] of runs.entries()) {
      const lateness = ms(run.created_at) - (due[k] ?? 0);
      expect(lateness).toBeGreaterThanOrEqual(0);
      expect(lateness).toBeLessThan(k === 0 ? 1500 : 900);
    }

    const finished = await waitForRun(t, runs[0]?.id ?? '');
    expect(finished.status).toBe('completed');
    expect(finished.logs[0].output).toMatchObject({
      trigger_type: 'scheduled',
      workflow_id: active.id,
      scheduled_for: runs[0]?.trigger_payload.scheduled_for,
    });
    expect(finished.logs[1].output.text).toBe(`fired for ${runs[0]?.trigger_payload.scheduled_for}`);

    // next_run_at moved on along the same grid.
    const next = ms((await nextRunAt(t, active.id)) ?? '');
    expect(next).toBeGreaterThan(due.at(-1) ?? 0);
    expect((next - firstDue) % SECOND).toBe(0);

    expect(await runsOf(t, inactive.id)).toEqual([]);
  });
});

describe('schedules (fake clock)', () => {
  it('computes next_run_at for every schedule type, in the workflow’s timezone', async () => {
    const clock = fakeClock(T0);
    const t = await server({}, {}, { clock });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ schedule_type: 'cron', schedule_value: '* * * * *' }, '2030-01-07T12:01:00.000000Z'],
      [{ schedule_type: 'cron', schedule_value: '0 9 * * 1' }, '2030-01-14T09:00:00.000000Z'],
      [{ schedule_type: 'interval', schedule_value: '5 minutes' }, '2030-01-07T12:05:30.250000Z'],
      [{ schedule_type: 'daily', schedule_value: '13:30' }, '2030-01-07T13:30:00.000000Z'],
      [
        { schedule_type: 'daily', schedule_value: '09:00', schedule_timezone: 'America/New_York' },
        '2030-01-07T14:00:00.000000Z',
      ],
      [{ schedule_type: 'weekly', schedule_value: 'wed 09:00' }, '2030-01-09T09:00:00.000000Z'],
      [{ schedule_type: 'monthly', schedule_value: '15 09:00' }, '2030-01-15T09:00:00.000000Z'],
      [{ schedule_type: 'manual' }, ''],
    ];
    for (const [schedule, expected] of cases) {
      const wf = await createWorkflow(t, scheduled(schedule));
      expect(wf.next_run_at, JSON.stringify(schedule)).toBe(expected || null);
    }
  });

  it('fires a cron schedule once per minute, for the minute it was due', async () => {
    const clock = fakeClock(T0);
    const t = await server({}, {}, { clock });
    const wf = await createWorkflow(t, scheduled({ schedule_type: 'cron', schedule_value: '* * * * *' }));
    expect(wf.next_run_at).toBe('2030-01-07T12:01:00.000000Z');

    clock.set(Date.UTC(2030, 0, 7, 12, 1, 0, 400));
    const [run] = await waitForRunCount(t, wf.id, 1);
    expect(run?.trigger_payload).toEqual({ scheduled_for: '2030-01-07T12:01:00.000000Z' });
    expect(await nextRunAt(t, wf.id)).toBe('2030-01-07T12:02:00.000000Z');
    await sleep(1500); // at least one more scheduler pass at the same time: nothing new is due
    expect(await runsOf(t, wf.id)).toHaveLength(1);
    expect((await waitForRun(t, run?.id ?? '')).status).toBe('completed');
  });

  it('after downtime fires one catch-up run, then continues on the original grid', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stratoflow-downtime-'));
    try {
      const clock = fakeClock(T0);
      const before = await server({ dataDir }, {}, { clock });
      const wf = await createWorkflow(
        before,
        scheduled({ schedule_type: 'interval', schedule_value: '1 minutes' }),
      );
      expect(ms(wf.next_run_at)).toBe(T0 + MINUTE);
      await before.close();
      open.splice(open.indexOf(before), 1);

      // Down for ten and a half intervals.
      clock.set(T0 + 10 * MINUTE + 30 * SECOND);
      const after = await server({ dataDir }, {}, { clock });
      const [run] = await waitForRunCount(after, wf.id, 1);
      expect(run?.trigger_payload.scheduled_for).toBe(
        new Date(T0 + MINUTE).toISOString().replace('Z', '000Z'),
      );
      await sleep(1500);
      expect(await runsOf(after, wf.id)).toHaveLength(1);
      expect(ms((await nextRunAt(after, wf.id)) ?? '')).toBe(T0 + 11 * MINUTE);

      clock.set(T0 + 11 * MINUTE);
      const runs = await waitForRunCount(after, wf.id, 2);
      expect(ms(runs[0]?.trigger_payload.scheduled_for ?? '')).toBe(T0 + 11 * MINUTE);
    } finally {
      await Promise.all(open.splice(0).map((t) => t.close()));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('does not fire while inactive, and re-activating starts afresh without a catch-up run', async () => {
    const clock = fakeClock(T0);
    const t = await server({}, {}, { clock });
    const wf = await createWorkflow(
      t,
      scheduled({ schedule_type: 'interval', schedule_value: '1 minutes', is_active: false }),
    );
    clock.set(T0 + 5 * MINUTE);
    await sleep(1500);
    expect(await runsOf(t, wf.id)).toEqual([]);

    const res = await t.call('PUT', `/workflows/${wf.id}`, { body: { is_active: true } });
    expect(res.status).toBe(200);
    expect(ms(res.body.next_run_at)).toBe(T0 + 6 * MINUTE);
    await sleep(1500);
    expect(await runsOf(t, wf.id)).toEqual([]);

    clock.set(T0 + 6 * MINUTE + SECOND);
    const [run] = await waitForRunCount(t, wf.id, 1);
    expect(ms(run?.trigger_payload.scheduled_for ?? '')).toBe(T0 + 6 * MINUTE);
  });

  it('stops a schedule that no longer parses and keeps firing the others', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stratoflow-badschedule-'));
    try {
      const clock = fakeClock(T0);
      const t = await server({ dataDir }, {}, { clock });
      const broken = await createWorkflow(
        t,
        scheduled({ schedule_type: 'interval', schedule_value: '1 minutes' }),
      );
      const healthy = await createWorkflow(
        t,
        scheduled({ schedule_type: 'interval', schedule_value: '1 minutes' }),
      );
      // A value an older version accepted, or a hand edit: the scheduler must survive it.
      const side = new Database(join(dataDir, 'stratoflow.db'));
      side.prepare("UPDATE workflows SET schedule_value = 'every blue moon' WHERE id = ?").run(broken.id);
      side.close();

      clock.set(T0 + MINUTE);
      await waitForRunCount(t, healthy.id, 1);
      expect(await nextRunAt(t, broken.id)).toBeNull();
      expect(await runsOf(t, broken.id)).toEqual([]);
      expect(ms((await nextRunAt(t, healthy.id)) ?? '')).toBe(T0 + 2 * MINUTE);
    } finally {
      await Promise.all(open.splice(0).map((t) => t.close()));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!postgresAdminUrl())('schedules across processes (PostgreSQL, real clock)', () => {
  const databaseUrl = useTestDatabase();

  it('two servers on one database fire each due time once between them', async () => {
    const a = await server({ databaseUrl: databaseUrl() });
    const b = await server({ databaseUrl: databaseUrl() });
    const wf = await createWorkflow(a, scheduled({ schedule_type: 'interval', schedule_value: '1 seconds' }));
    const firstDue = ms(wf.next_run_at);
    const runs = (await waitForRunCount(b, wf.id, 3)).reverse();
    await sleep(300); // a late duplicate, if there were one, would be in by now
    const all = (await runsOf(a, wf.id)).reverse();
    const due = all.map((r) => ms(r.trigger_payload.scheduled_for ?? ''));
    expect(due).toEqual(due.map((_, k) => firstDue + k * SECOND));
    expect(all.length).toBeGreaterThanOrEqual(runs.length);
    for (const run of runs) expect((await waitForRun(b, run.id)).status).toBe('completed');
  });
});
