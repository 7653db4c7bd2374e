import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../src/config.js';
import type { LogRecord, RunRecord } from '../src/domain/types.js';
import { Cancellation } from '../src/engine/cancellation.js';
import { executeRun, MAX_DEFERRED_LOGS } from '../src/engine/executor.js';
import { defineNode } from '../src/nodes/contract.js';
import { builtinNodes, createNodeRegistry } from '../src/nodes/registry.js';
import { createRuntime } from '../src/runtime.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { runRecord, workflowRecord } from './helpers/records.js';

/**
 * Pure nodes' logs ride along with the run's next commit (docs/decisions/0026), on a real SQLite store
 * whose commits the test counts. A node that acts on the outside world sees everything before it
 * committed when it starts.
 */
describe('pure nodes commit with the next step', () => {
  let dir: string;
  let store: Store;
  /** How many logs each commit of the run carried, in order. */
  let commits: number[];
  /** What the probe node found committed when it started (node ids in log order). */
  let seenByProbe: string[] | null;

  /** Not pure: reads what the store holds for its run when it starts (what a crash would keep). */
  const probe = defineNode({
    componentId: 'test_probe',
    kind: 'action',
    network: false,
    title: 'Probe',
    description: 'Reads the committed logs of its run.',
    config: z.object({}),
    handles: [],
    run: async (ctx) => {
      seenByProbe = (await store.listRunLogs(ctx.runId)).map((l) => l.nodeId);
      return { output: { seen: seenByProbe.length } };
    },
  });

  const flowNode = (id: string, componentId: string, data: Record<string, unknown> = {}) => ({
    id,
    type: componentId,
    position: { x: 0, y: 0 },
    data: { componentId, ...data },
  });
  const transforms = (count: number, from = 1) =>
    Array.from({ length: count }, (_, i) =>
      flowNode(`t${from + i}`, 'text_transform', { template: `{{ trigger.n | plus: ${from + i} }}` }),
    );

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stratoflow-pure-steps-'));
    const real = await openSqliteStore(join(dir, 'db.sqlite'));
    commits = [];
    seenByProbe = null;
    store = new Proxy(real, {
      get(target, key, receiver) {
        if (key !== 'commitStep') return Reflect.get(target, key, receiver);
        return (runId: string, owner: string, log: LogRecord | LogRecord[] | null, patch: object) => {
          commits.push(Array.isArray(log) ? log.length : log ? 1 : 0);
          return target.commitStep(runId, owner, log, patch);
        };
      },
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Saves manual_trigger → steps (a chain), claims the run and executes it to its end. */
  async function runChain(
    steps: ReturnType<typeof flowNode>[],
  ): Promise<{ run: RunRecord; logs: LogRecord[] }> {
    const now = Date.now();
    const nodes = [flowNode('n1', 'manual_trigger'), ...steps];
    const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]?.id, target: n.id }));
    const workflow = workflowRecord(now, { definition: { nodes, edges } as never });
    await store.createWorkflow(workflow);
    await store.createRun(
      runRecord(workflow, now, { triggerPayload: { origin: 'manual', payload: { n: 1 } } }),
    );
    const runtime = createRuntime(
      store,
      { ...loadConfig({}), httpAllowedCidrs: '' },
      { now: () => Date.now() },
      pino({ level: 'silent' }),
      {},
      {
        registry: createNodeRegistry([...builtinNodes(), probe]),
      },
    );
    const [claimed] = await store.claimRuns('w1', now, 30_000, 1);
    const outcome = await executeRun(runtime.executor, claimed as RunRecord, 'w1', {
      cancellation: new Cancellation(),
      releaseRequested: () => false,
    });
    expect(outcome).toBe('completed');
    const run = claimed as RunRecord;
    return { run, logs: await store.listRunLogs(run.id) };
  }

  it('a chain of 40 transforms commits once, at its end, with every log in order', async () => {
    const { logs } = await runChain(transforms(40));
    expect(commits).toEqual([41]);
    expect(logs.map((l) => l.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(logs.map((l) => l.nodeId)).toEqual(['n1', ...transforms(40).map((t) => t.id)]);
    expect(logs.at(-1)?.output).toEqual({ text: '41' });
  });

  it('a node that acts outside the run starts only once everything before it is committed', async () => {
    await runChain([...transforms(2), flowNode('probe', 'test_probe'), ...transforms(2, 3)]);
    expect(seenByProbe).toEqual(['n1', 't1', 't2']);
    // trigger + t1 + t2 before the probe; the probe's own (its successor is pure, but it is not); the end.
    expect(commits).toEqual([3, 1, 2]);
  });

  it(`a long pure chain still commits every ${MAX_DEFERRED_LOGS} logs`, async () => {
    const { logs } = await runChain(transforms(150));
    expect(commits).toEqual([MAX_DEFERRED_LOGS + 1, 50]);
    expect(logs).toHaveLength(151);
  });
});
