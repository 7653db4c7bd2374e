import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken } from '../src/api/auth/sign.js';
import { type ChildServer, outputTail, startChildServer } from './helpers/child-server.js';
import { TEST_SECRET } from './helpers/server.js';
import { edge, node } from './helpers/workflows.js';

let dataDir: string;
let target: Server;
let targetUrl: string;
const slowCalls: string[] = [];
let drainCalls = 0;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'stratoflow-crash-'));
  token = await signToken(TEST_SECRET, { orgId: 'org_crash', userId: 'usr_1', expiresIn: '1h' });
  // The first call to /slow hangs for 1.5 s, so the process dies while a node is in flight.
  target = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/drain') drainCalls += 1;
      else slowCalls.push(String(req.headers['idempotency-key']));
      const wait = req.url === '/drain' || slowCalls.length === 1 ? 1500 : 0;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      }, wait);
    });
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});

afterAll(async () => {
  target.closeAllConnections();
  await new Promise((resolve) => target.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(server: ChildServer, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function until<T>(fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await fn();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not reached in time');
}

it('loses nothing when the server is killed with SIGKILL and restarted', async () => {
  // Checkpoints in their thread: a kill can land while it copies the WAL into the database file.
  const env = { STRATOFLOW_HTTP_ALLOWED_CIDRS: '127.0.0.0/8', STRATOFLOW_SQLITE_CHECKPOINT: 'thread' };
  const first = await startChildServer(dataDir, env);
  const create = async (body: object) =>
    (await api(first, 'POST', '/workflows', { name: 'crash', ...body })).body;
  const delayed = await create({
    nodes: [
      node('n1', 'manual_trigger'),
      node('d', 'delay', { duration: 2, unit: 'seconds' }),
      node('n3', 'text_transform', { template: 'after delay' }),
    ],
    edges: [edge('n1', 'd'), edge('d', 'n3')],
  });
  const chain = await create({
    nodes: [
      node('n1', 'manual_trigger'),
      node('a', 'text_transform', { template: 'a' }),
      node('call', 'webhook', { method: 'POST', url: `${targetUrl}/slow`, body: '{}' }),
      node('b', 'text_transform', { template: '{{ call.body.ok }}' }),
    ],
    edges: [edge('n1', 'a'), edge('a', 'call'), edge('call', 'b')],
  });
  const hooked = await create({
    nodes: [node('n1', 'webhook_trigger'), node('n2', 'text_transform', { template: 'got {{ n1.n }}' })],
    edges: [edge('n1', 'n2')],
  });

  const delayedRun = (await api(first, 'POST', `/workflows/${delayed.id}/execute`, { context: {} })).body.id;
  const chainRun = (await api(first, 'POST', `/workflows/${chain.id}/execute`, { context: {} })).body.id;
  // Wait until the delay is parked and the HTTP node is in flight.
  await until(
    async () =>
      (await api(first, 'GET', `/workflows/runs/${delayedRun}`)).body.logs.length === 1 ? true : undefined,
    5000,
  );
  await until(async () => (slowCalls.length === 1 ? true : undefined), 5000);
  const webhookPath = new URL(hooked.webhook_url).pathname;
  const accepted = await fetch(`${first.url}${webhookPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"n": 7}',
  });
  expect(accepted.status).toBe(202);
  const hookRun = ((await accepted.json()) as { run_id: string }).run_id;
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');

  const second = await startChildServer(dataDir, env);
  try {
    const finished = async (id: string) => {
      const run = (await api(second, 'GET', `/workflows/runs/${id}`)).body;
      return run.status === 'completed' || run.status === 'failed' ? run : undefined;
    };
    const [d, c, h] = await Promise.all([
      until(() => finished(delayedRun), 15_000),
      until(() => finished(chainRun), 15_000),
      until(() => finished(hookRun), 15_000),
    ]);
    for (const run of [d, c, h]) {
      expect(run.status).toBe('completed');
      const nodeIds = run.logs.map((l: { node_id: string }) => l.node_id);
      expect(new Set(nodeIds).size, `every node of ${run.id} logged once`).toBe(nodeIds.length);
    }
    expect(d.logs.map((l: { node_id: string }) => l.node_id)).toEqual(['n1', 'd', 'n3']);
    expect(c.logs.map((l: { node_id: string }) => l.node_id)).toEqual(['n1', 'a', 'call', 'b']);
    expect(h.logs[1].output.text).toBe('got 7');
    // The HTTP node in flight at the kill ran again (at-least-once) with the same idempotency key.
    expect(slowCalls.every((key) => key === `${chainRun}.call`)).toBe(true);
    const runs = (await api(second, 'GET', `/workflows/${hooked.id}/executions`)).body;
    expect(runs.meta.total).toBe(1);
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
}, 60_000);

it('drains on SIGTERM: the node in flight finishes, the run is handed back and completes after restart', async () => {
  const env = { STRATOFLOW_HTTP_ALLOWED_CIDRS: '127.0.0.1/32' };
  const first = await startChildServer(dataDir, env);
  const wf = (
    await api(first, 'POST', '/workflows', {
      name: 'drain',
      nodes: [
        node('n1', 'manual_trigger'),
        node('call', 'webhook', { method: 'POST', url: `${targetUrl}/drain`, body: '{}' }),
        node('after', 'text_transform', { template: 'after {{ call.status }}' }),
      ],
      edges: [edge('n1', 'call'), edge('call', 'after')],
    })
  ).body;
  const runId = (await api(first, 'POST', `/workflows/${wf.id}/execute`, { context: {} })).body.id;
  await until(async () => (drainCalls === 1 ? true : undefined), 5000);
  first.child.kill('SIGTERM');
  expect(await first.exited, outputTail(first)).toBe(0);
  // Stopped before the next node: the call's result is committed, the run handed back unfinished.
  const file = new Database(join(dataDir, 'stratoflow.db'), { readonly: true });
  const row = file.prepare('SELECT status, lease_owner FROM runs WHERE id = ?').get(runId) as Record<
    string,
    unknown
  >;
  const logged = file.prepare('SELECT node_id FROM logs WHERE run_id = ? ORDER BY seq').all(runId);
  file.close();
  expect(row).toEqual({ status: 'running', lease_owner: null });
  expect(logged.map((l) => (l as { node_id: string }).node_id)).toEqual(['n1', 'call']);
  const second = await startChildServer(dataDir, env);
  try {
    const run = await until(async () => {
      const r = (await api(second, 'GET', `/workflows/runs/${runId}`)).body;
      return r.status === 'completed' || r.status === 'failed' ? r : undefined;
    }, 15_000);
    expect(run.status).toBe('completed');
    expect(run.logs.map((l: { node_id: string }) => l.node_id)).toEqual(['n1', 'call', 'after']);
    expect(drainCalls).toBe(1); // the in-flight call finished before exit: not repeated
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
}, 60_000);

it('finishes its shutdown on SIGTERM while checkpoints run in their thread: lock released, WAL folded in', async () => {
  // A busy server moves checkpoints to a thread; its shutdown used to end the process before the data
  // folder's lock and the main connection were closed.
  const folder = mkdtempSync(join(tmpdir(), 'stratoflow-shutdown-'));
  try {
    const server = await startChildServer(folder, { STRATOFLOW_SQLITE_CHECKPOINT: 'thread' });
    expect(
      (
        await api(server, 'POST', '/workflows', {
          name: 'kept',
          nodes: [node('n1', 'manual_trigger')],
          edges: [],
        })
      ).status,
    ).toBe(201);
    server.child.kill('SIGTERM');
    expect(await server.exited, outputTail(server)).toBe(0);
    expect(
      readdirSync(folder)
        .filter((name) => name.startsWith('stratoflow.db') || name.endsWith('.lock'))
        .sort(),
    ).toEqual(['stratoflow.db']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, 30_000);
