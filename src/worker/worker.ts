import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { RunRecord } from '../domain/types.js';
import { type ExecutorDeps, executeRun } from '../engine/executor.js';

export interface WorkerOptions {
  deps: ExecutorDeps;
  logger: Logger;
  /** Runs executed at once by this process. */
  concurrency: number;
  leaseMs: number;
  /** Longest idle sleep before looking for work again (runs created by other processes, missed wakes). */
  pollIntervalMs: number;
  owner?: string;
}

export interface Worker {
  readonly owner: string;
  start(): void;
  /** Look for work now (a run was just created). */
  wake(): void;
  /** Stop claiming, let in-flight nodes finish, hand unfinished runs back, resolve when idle. */
  stop(graceMs?: number): Promise<void>;
  /** Runs currently held. */
  readonly active: number;
}

interface Held {
  abort: AbortController;
  done: Promise<void>;
}

/**
 * The run loop: claims ready runs with a lease, executes them concurrently, heartbeats the leases it
 * holds, and sleeps until woken, until the next parked run is due, or until the poll interval passes.
 */
export function createWorker(options: WorkerOptions): Worker {
  const { deps, logger } = options;
  const { store, clock } = deps;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const held = new Map<string, Held>();
  let running = false;
  let stopping = false;
  let wakeUp: (() => void) | null = null;
  let loopDone: Promise<void> = Promise.resolve();
  let heartbeatTimer: NodeJS.Timeout | null = null;
  let wakeRequested = false;

  function execute(run: RunRecord) {
    const abort = new AbortController();
    const control = { signal: abort.signal, releaseRequested: () => stopping };
    const done = executeRun(deps, run, owner, control)
      .then((outcome) => logger.debug({ runId: run.id, outcome }, 'run step ended'))
      .catch(async (error: unknown) => {
        logger.error({ err: error, runId: run.id }, 'run execution crashed; releasing it for a retry');
        await store
          .commitStep(run.id, owner, null, { releaseLease: true, readyAt: clock.now() + 5_000 })
          .catch(() => undefined);
      })
      .finally(() => {
        held.delete(run.id);
        wake();
      });
    held.set(run.id, { abort, done });
  }

  function sleep(ms: number): Promise<void> {
    if (wakeRequested) {
      wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        wakeUp = null;
        resolve();
      }, ms);
      wakeUp = () => {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      };
    });
  }

  function wake() {
    if (wakeUp) wakeUp();
    else wakeRequested = true;
  }

  async function idleDelay(): Promise<number> {
    const next = await store.nextReadyAt().catch(() => null);
    if (next === null) return options.pollIntervalMs;
    return Math.max(0, Math.min(options.pollIntervalMs, next - clock.now()));
  }

  async function loop() {
    while (!stopping) {
      const free = options.concurrency - held.size;
      if (free > 0) {
        let claimed: RunRecord[] = [];
        try {
          claimed = await store.claimRuns(owner, clock.now(), options.leaseMs, free);
        } catch (error) {
          logger.error({ err: error }, 'claiming runs failed');
        }
        for (const run of claimed) execute(run);
        if (claimed.length > 0 && claimed.length === free) continue;
      }
      await sleep(free > 0 ? await idleDelay() : options.pollIntervalMs);
    }
  }

  async function heartbeat() {
    if (held.size === 0) return;
    try {
      const lost = await store.heartbeat(owner, [...held.keys()], clock.now() + options.leaseMs);
      for (const id of lost) {
        logger.warn({ runId: id }, 'lease lost; another worker took the run over');
        held.get(id)?.abort.abort();
      }
    } catch (error) {
      logger.error({ err: error }, 'heartbeat failed');
    }
  }

  return {
    owner,
    get active() {
      return held.size;
    },
    start() {
      if (running) return;
      running = true;
      heartbeatTimer = setInterval(() => void heartbeat(), Math.max(50, Math.floor(options.leaseMs / 3)));
      heartbeatTimer.unref();
      loopDone = loop();
    },
    wake,
    async stop(graceMs = 10_000) {
      if (!running) return;
      stopping = true;
      wake();
      await loopDone;
      const all = Promise.all([...held.values()].map((h) => h.done));
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([all, timeout]);
      for (const h of held.values()) h.abort.abort();
      if (heartbeatTimer) clearInterval(heartbeatTimer);
      running = false;
    },
  };
}
