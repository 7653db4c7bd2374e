import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Clock } from '../src/domain/time.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

let t: TestServer;
let ok: { id: string };
let failing: { id: string };
beforeAll(async () => {
  t = await startTestServer();
  ok = await createWorkflow(t, {
    name: 'Greets',
    nodes: [node('n1', 'manual_trigger'), node('n2', 'text_transform', { template: 'hi' })],
    edges: [edge('n1', 'n2')],
  });
  failing = await createWorkflow(t, {
    name: 'Gives up',
    nodes: [
      node('n1', 'manual_trigger'),
      node('stop', 'terminate', { status: 'failed', message: 'Quota of {{ n1.who }} exceeded' }),
    ],
    edges: [edge('n1', 'stop')],
  });
  for (let i = 0; i < 3; i++) await executeAndWait(t, ok.id);
  await executeAndWait(t, failing.id, { who: 'acme' });
});
afterAll(async () => t.close());

it('GET /workflows/logs/stats sums the organization’s last 30 days per day and per workflow', async () => {
  const res = await t.call('GET', '/workflows/logs/stats');
  expect(res.status).toBe(200);
  expect(res.body.days).toBe(30);
  expect(res.body.runs_per_day).toHaveLength(30);
  const today = res.body.runs_per_day.at(-1);
  expect(today).toEqual({ date: new Date().toISOString().slice(0, 10), completed: 3, failed: 1, other: 0 });
  expect(res.body.runs_per_day[0].date < today.date).toBe(true);
  expect(res.body.workflows).toEqual([
    { workflow_id: ok.id, name: 'Greets', total_runs: 3, completed: 3, failed: 0, success_rate: 100 },
    { workflow_id: failing.id, name: 'Gives up', total_runs: 1, completed: 0, failed: 1, success_rate: 0 },
  ]);
  expect(res.body.recent_failures).toEqual([
    expect.objectContaining({
      workflow_id: failing.id,
      workflow_name: 'Gives up',
      failed_node_id: 'stop',
      error_message: expect.stringContaining('Quota of acme exceeded'),
    }),
  ]);
  expect(res.body.recent_failures[0].run_id).toMatch(/^fl_run_/);
  const last = new Map(
    res.body.last_runs.map((r: { workflow_id: string; status: string }) => [r.workflow_id, r.status]),
  );
  expect(Object.fromEntries(last)).toEqual({ [ok.id]: 'completed', [failing.id]: 'failed' });
});

it('keeps each organization’s statistics to itself', async () => {
  const res = await t.call('GET', '/workflows/logs/stats', { org: 'org_other' });
  expect(res.status).toBe(200);
  expect(res.body.workflows).toEqual([]);
  expect(res.body.recent_failures).toEqual([]);
  expect(res.body.runs_per_day.every((d: { completed: number }) => d.completed === 0)).toBe(true);
  expect((await t.call('GET', '/workflows/logs/stats', { token: null })).status).toBe(401);
});

it('adds runs_per_day to a workflow’s log statistics', async () => {
  const res = await t.call('GET', `/workflows/${ok.id}/logs/stats`);
  expect(res.status).toBe(200);
  expect(res.body.total_runs).toBe(3);
  expect(res.body.runs_per_day).toHaveLength(30);
  expect(res.body.runs_per_day.at(-1)).toMatchObject({ completed: 3, failed: 0 });
});

it('counts recent_runs over the 30 UTC days that runs_per_day charts, total_runs over all time', async () => {
  const DAY = 86_400_000;
  const today = Date.UTC(2030, 0, 31, 12);
  let now = today - 30 * DAY; // the day before the window's first
  const clock: Clock = { now: () => now };
  const s = await startTestServer({}, {}, { clock });
  try {
    const w = await createWorkflow(s, {
      name: 'Ages',
      nodes: [node('n1', 'manual_trigger'), node('n2', 'text_transform', { template: 'hi' })],
      edges: [edge('n1', 'n2')],
    });
    await executeAndWait(s, w.id);
    now = today - 29 * DAY - 11 * 3_600_000; // 01:00 on the window's first day
    await executeAndWait(s, w.id);
    now = today;
    await executeAndWait(s, w.id);
    const res = await s.call('GET', `/workflows/${w.id}/logs/stats`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total_runs: 3, recent_runs: { completed: 2 }, success_rate: 100 });
    expect(res.body.log_statuses).toEqual({ success: 6 });
    const days = res.body.runs_per_day as { date: string; completed: number }[];
    expect(days[0]).toMatchObject({ date: '2030-01-02', completed: 1 });
    expect(days.at(-1)).toMatchObject({ date: '2030-01-31', completed: 1 });
    expect(days.reduce((sum, d) => sum + d.completed, 0)).toBe(2);
  } finally {
    await s.close();
  }
});
