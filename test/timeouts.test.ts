import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Clock } from '../src/domain/time.js';
import type { RunRecord } from '../src/domain/types.js';
import { Cancellation } from '../src/engine/cancellation.js';
import { executeRun } from '../src/engine/executor.js';
import { defineNode } from '../src/nodes/contract.js';
import { builtinNodes, createNodeRegistry } from '../src/nodes/registry.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { runRecord, workflowRecord } from './helpers/records.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/**
 * Node and run timeouts, by behaviour: in-process executor tests (a real SQLite store, a clock and
 * timers the test moves), then one end-to-end run of each over HTTP.
 */
const RUN_TIMEOUT_MS = 60_000;
const NODE_TIMEOUT_MS = 10_000;

/** A test component that works for `seconds` (of timer time), or forever without it. */
const work = defineNode({
  componentId: 'test_work',
  kind: 'action',
  network: false,
  title: 'Work',
  description: 'Takes its time.',
  config: z.object({ seconds: z.number().optional() }),
  handles: [],
  run: (_ctx, cfg) =>
    new Promise((resolve) => {
      if (cfg.seconds !== undefined)
        setTimeout(() => resolve({ output: { worked: cfg.seconds } }), cfg.seconds * 1000);
    }),
});

function flowNode(id: string, componentId: string, data: Record<string, unknown> = {}) {
  return { id, type: componentId, position: { x: 0, y: 0 }, data: { componentId, ...data } };
}

describe('in-process, with a clock and timers the test moves', () => {
  let dir: string;
  let store: Store;
  let now: number;
  const clock: Clock = { now: () => now };

  function runtime(): Runtime {
    return createRuntime(
      store,
      {
        httpAllowedCidrs: '',
        limits: {
          runTimeoutMs: RUN_TIMEOUT_MS,
          nodeTimeoutMs: NODE_TIMEOUT_MS,
          maxDelayMs: 900_000,
          leaseMs: 30_000,
          syncTimeoutMs: 30_000,
          workerConcurrency: 4,
        },
      },
      clock,
      pino({ level: 'silent' }),
      {},
      { registry: createNodeRegistry([...builtinNodes(), work]) },
    );
  }

  /** A saved run of manual_trigger → each of `steps` in a chain. */
  async function savedRun(steps: ReturnType<typeof flowNode>[]) {
    const nodes = [flowNode('n1', 'manual_trigger'), ...steps];
    const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]?.id, target: n.id }));
    const workflow = workflowRecord(now, { definition: { nodes, edges } as never });
    await store.createWorkflow(workflow);
    const { run } = await store.createRun(
      runRecord(workflow, now, { triggerPayload: { origin: 'manual', payload: {} } }),
    );
    return run;
  }

  /** Claims the run (when due) and executes it until it ends or parks. */
  async function execute(rt: Runtime, run: RunRecord) {
    const [claimed] = await store.claimRuns('w1', now, 30_000, 1);
    expect(claimed?.id).toBe(run.id);
    return executeRun(rt.executor, claimed as RunRecord, 'w1', {
      cancellation: new Cancellation(),
      releaseRequested: () => false,
    });
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stratoflow-timeouts-'));
    store = await openSqliteStore(join(dir, 'db.sqlite'));
    now = Date.UTC(2026, 0, 1);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a node still working at the node timeout fails the run with node_timeout', async () => {
    const rt = runtime();
    const run = await savedRun([flowNode('stuck', 'test_work')]);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const outcome = execute(rt, run);
    await vi.advanceTimersByTimeAsync(NODE_TIMEOUT_MS - 1);
    expect((await store.getRun('org_a', run.id))?.status).not.toBe('failed');
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBe('failed');
    const final = await store.getRun('org_a', run.id);
    expect(final?.failedNodeId).toBe('stuck');
    expect(final?.errorMessage).toBe('Node exceeded the maximum execution time of 10 seconds.');
    const [, log] = await store.listRunLogs(run.id);
    expect(log?.status).toBe('error');
    expect(log?.output).toMatchObject({ code: 'node_timeout' });
  });

  it('a node that finishes just inside the node timeout succeeds', async () => {
    const rt = runtime();
    const run = await savedRun([flowNode('slow', 'test_work', { seconds: NODE_TIMEOUT_MS / 1000 - 1 })]);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const outcome = execute(rt, run);
    await vi.advanceTimersByTimeAsync(NODE_TIMEOUT_MS - 1000);
    expect(await outcome).toBe('completed');
  });

  it('a run past the run timeout fails when it wakes, keeping the steps it finished', async () => {
    const rt = runtime();
    const wait = { duration: 40, unit: 'seconds' };
    const run = await savedRun([
      flowNode('d1', 'delay', wait),
      flowNode('d2', 'delay', wait),
      flowNode('t', 'text_transform', { template: 'never' }),
    ]);
    expect(await execute(rt, run)).toBe('parked');
    now += 40_000; // 40 s in: within the limit, the first delay ends and the second parks
    expect(await execute(rt, run)).toBe('parked');
    now += 40_000; // 80 s in: past the 60 s limit
    expect(await execute(rt, run)).toBe('failed');
    const final = await store.getRun('org_a', run.id);
    expect(final?.errorMessage).toBe('The run exceeded the maximum duration of 60 seconds.');
    const logs = await store.listRunLogs(run.id);
    expect(logs.map((l) => `${l.nodeId}:${l.status}`)).toEqual(['n1:success', 'd1:success']);
  });

  it('a run that ends within the run timeout completes', async () => {
    const rt = runtime();
    const run = await savedRun([flowNode('d1', 'delay', { duration: 59, unit: 'seconds' })]);
    expect(await execute(rt, run)).toBe('parked');
    now += 59_000;
    expect(await execute(rt, run)).toBe('completed');
  });
});

describe('end to end over HTTP', () => {
  let t: TestServer | undefined;
  let silent: Server | undefined;
  afterAll(async () => {
    await t?.close();
    silent?.closeAllConnections();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it('a webhook node whose peer never answers fails at STRATOFLOW_NODE_TIMEOUT_MS', async () => {
    // Accepts the request and never answers.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    t = await startTestServer(
      { httpAllowedCidrs: '127.0.0.0/8' },
      { STRATOFLOW_NODE_TIMEOUT_MS: '500', STRATOFLOW_RUN_TIMEOUT_MS: '2500' },
    );
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('call', 'webhook', { method: 'GET', url: `http://127.0.0.1:${port}/never` }),
      ],
      edges: [edge('n1', 'call')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    // The HTTP client is given the node timeout as its own deadline, so it is the one that reports it.
    expect(run.error_message).toBe('Request timed out after 500 ms');
    expect(run.failed_node_id).toBe('call');
  }, 30_000);

  it('a run that outlives STRATOFLOW_RUN_TIMEOUT_MS fails with a message saying so', async () => {
    const server = t as TestServer;
    const wf = await createWorkflow(server, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('wait', 'delay', { duration: 3, unit: 'seconds' }),
        node('after', 'text_transform', { template: 'too late' }),
      ],
      edges: [edge('n1', 'wait'), edge('wait', 'after')],
    });
    const run = await executeAndWait(server, wf.id, {}, 'org_a');
    expect(run.status).toBe('failed');
    expect(run.error_message).toBe('The run exceeded the maximum duration of 2.5 seconds.');
    expect(run.logs.map((l: { node_id: string }) => l.node_id)).not.toContain('after');
  }, 30_000);
});
