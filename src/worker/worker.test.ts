import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRecord, workflowRecord } from '../../test/helpers/records.js';
import type { Clock } from '../domain/time.js';
import { Cancellation } from '../engine/cancellation.js';
import { executeRun } from '../engine/executor.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.js';
import type { Store } from '../store/store.js';
import { createWorker } from './worker.js';

/** In-process executor and worker tests: a real SQLite store, a clock the test moves. */
const RUN_TIMEOUT_MS = 60_000;
let dir: string;
let store: Store;
let now: number;
const clock: Clock = { now: () => now };
const logger = pino({ level: 'silent' });

function runtime(): Runtime {
  return createRuntime(
    store,
    {
      httpAllowedCidrs: '',
      limits: {
        runTimeoutMs: RUN_TIMEOUT_MS,
        nodeTimeoutMs: 10_000,
        maxDelayMs: 900_000,
        leaseMs: 30_000,
        syncTimeoutMs: 30_000,
        workerConcurrency: 4,
      },
    },
    clock,
    logger,
  );
}

async function savedRun() {
  const trigger = {
    id: 'n1',
    type: 'manual_trigger',
    position: { x: 0, y: 0 },
    data: { componentId: 'manual_trigger' },
  };
  const text = {
    id: 'n2',
    type: 'text_transform',
    position: { x: 0, y: 0 },
    data: { componentId: 'text_transform', template: 'hi' },
  };
  const workflow = workflowRecord(now, {
    definition: { nodes: [trigger, text], edges: [{ id: 'e', source: 'n1', target: 'n2' }] },
  });
  await store.createWorkflow(workflow);
  const { run } = await store.createRun(
    runRecord(workflow, now, { triggerPayload: { origin: 'manual', payload: {} } }),
  );
  return run;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stratoflow-worker-'));
  store = await openSqliteStore(join(dir, 'db.sqlite'));
  now = Date.UTC(2026, 0, 1);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('run timeout', () => {
  it('counts from the first claim, even when the run never committed a step', async () => {
    const run = await savedRun();
    const [first] = await store.claimRuns('w1', now, 30_000, 1);
    expect(first?.firstClaimedAt).toBe(now);
    // The holder dies before committing anything; much later another worker claims the run.
    await store.commitStep(run.id, 'w1', null, { releaseLease: true, readyAt: now });
    now += RUN_TIMEOUT_MS + 1;
    const [again] = await store.claimRuns('w2', now, 30_000, 1);
    expect(again?.firstClaimedAt).toBe(now - RUN_TIMEOUT_MS - 1);
    const outcome = await executeRun(runtime().executor, again as NonNullable<typeof again>, 'w2', {
      cancellation: new Cancellation(),
      releaseRequested: () => false,
    });
    expect(outcome).toBe('failed');
    expect((await store.getRun('org_a', run.id))?.errorMessage).toMatch(
      /exceeded the maximum duration of 60 seconds/,
    );
  });

  it('a run claimed now has the whole timeout ahead of it', async () => {
    const run = await savedRun();
    now += RUN_TIMEOUT_MS * 10; // created long ago, waited in the queue
    const [claimed] = await store.claimRuns('w1', now, 30_000, 1);
    const outcome = await executeRun(runtime().executor, claimed as NonNullable<typeof claimed>, 'w1', {
      cancellation: new Cancellation(),
      releaseRequested: () => false,
    });
    expect(outcome).toBe('completed');
    expect((await store.getRun('org_a', run.id))?.status).toBe('completed');
  });
});

describe('a run whose execution throws unexpectedly', () => {
  it('is retried a bounded number of times with back-off, then failed with a message saying so', async () => {
    now = Date.now();
    const rt = runtime();
    let attempts = 0;
    const stamps: number[] = [];
    rt.executor.definitions = {
      ...rt.executor.definitions,
      get: async () => {
        attempts += 1;
        stamps.push(performance.now());
        throw new Error('the store went away');
      },
    };
    const realClock: Clock = { now: () => Date.now() };
    const worker = createWorker({
      deps: { ...rt.executor, clock: realClock },
      logger,
      concurrency: 2,
      leaseMs: 30_000,
      pollIntervalMs: 20,
      maxCrashes: 3,
      crashBackoffMs: 50,
    });
    const run = await savedRun();
    worker.start();
    const deadline = Date.now() + 5000;
    let final = await store.getRun('org_a', run.id);
    while (final?.status !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      final = await store.getRun('org_a', run.id);
    }
    await worker.stop(1000);
    expect(final?.status).toBe('failed');
    expect(final?.errorMessage).toMatch(/unexpected error 3 times/);
    expect(attempts).toBe(3);
    // Back-off: 50 ms, then 100 ms.
    expect((stamps[1] as number) - (stamps[0] as number)).toBeGreaterThanOrEqual(45);
    expect((stamps[2] as number) - (stamps[1] as number)).toBeGreaterThanOrEqual(95);
  });
});
