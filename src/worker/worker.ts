import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { RunRecord } from '../domain/types.js';
import { Cancellation } from '../engine/cancellation.js';
import { type ExecutorDeps, executeRun } from '../engine/executor.js';
import { createWakeSignal } from './wake-signal.js';

export interface WorkerOptions {
  deps: ExecutorDeps;
  logger: Logger;
  /** Runs executed at once by this process. */
  concurrency: number;
  leaseMs: number;
  /** Longest idle sleep before looking for work again (runs created by other processes, missed wakes). */
  pollIntervalMs: number;
  owner?: string;
  /**
   * Least time between two claims (default 2 ms). Under load every new run announces itself; waiting
   * this long lets one claim take the runs of many announcements instead of one claim each. A worker
   * whose claims keep coming back empty (other workers won the race) doubles it, up to 64 ms, so that N
   * workers woken by every announcement do not all query for each run.
   */
  claimIntervalMs?: number;
  /** Unexpected execution failures of one run before it is failed (default MAX_CRASHES). */
  maxCrashes?: number;
  /** Back-off after the first crash (default CRASH_BACKOFF_MS), doubled for each further one. */
  crashBackoffMs?: number;
}

/** Unexpected execution failures of one run before it is marked failed. */
export const MAX_CRASHES = 5;
/** Back-off after the first crash; doubles with each further one (1 s, 2 s, 4 s, 8 s). */
export const CRASH_BACKOFF_MS = 1_000;

export interface Worker {
  readonly owner: string;
  start(): void;
  /** Look for work now (a run was just created). */
  wake(): void;
  /** Stop claiming, let in-flight nodes finish, hand unfinished runs back, resolve when idle. */
  stop(graceMs?: number): Promise<void>;
  /** Runs currently held. */
  readonly active: number;
  /** Direct dispatch of runs created in this process (see RunDispatcher). */
  reserve(): { owner: string; until: number } | null;
  dispatch(run: RunRecord | null): void;
}

interface Held {
  cancellation: Cancellation;
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
  let loopDone: Promise<void> = Promise.resolve();
  let heartbeatTimer: NodeJS.Timeout | null = null;
  const signal = createWakeSignal();
  const wake = signal.wake;
  /** The last claim filled every free slot: more runs may be waiting, so a finished run should claim. */
  let saturated = false;
  let lastReadyCheck = 0;
  /** Slots promised to runs being created in this process (direct dispatch). */
  let reserved = 0;

  function execute(run: RunRecord) {
    const cancellation = new Cancellation();
    const control = {
      cancellation,
      releaseRequested: () => stopping,
      // Wake up when this process's parked run is due (other processes' are found by polling).
      // (Timers cap at about 24.8 days; a later wake-up is found by polling.)
      onParked: (readyAt: number) => {
        const delay = readyAt - clock.now();
        if (delay < 2 ** 31 - 1) setTimeout(wake, Math.max(0, delay)).unref();
      },
    };
    const done = executeRun(deps, run, owner, control)
      .then((outcome) => logger.debug({ runId: run.id, outcome }, 'run step ended'))
      .catch((error: unknown) => onCrash(run, error).catch(() => undefined))
      .finally(() => {
        held.delete(run.id);
        if (saturated || stopping) wake();
      });
    held.set(run.id, { cancellation, done });
  }

  /**
   * Executing a run threw (a bug, a store failure): retry it with back-off a bounded number of times,
   * then fail it with a message saying so, so that no run is retried forever.
   */
  async function onCrash(run: RunRecord, error: unknown) {
    const crashes = await store.recordCrash(run.id, owner);
    if (crashes === null) return; // the lease was lost meanwhile: the new holder decides
    const maxCrashes = options.maxCrashes ?? MAX_CRASHES;
    if (crashes >= maxCrashes) {
      logger.error({ err: error, runId: run.id, crashes }, 'run execution crashed; giving up');
      const now = clock.now();
      await store.commitStep(run.id, owner, null, {
        status: 'failed',
        errorMessage: `The run failed: executing it raised an unexpected error ${crashes} times (the server log has the details).`,
        completedAt: now,
        releaseLease: true,
      });
      deps.telemetry?.runEnded(run, 'failed');
      if (run.parentRunId) {
        await store.wakeRun(run.parentRunId, now);
        wake();
      }
      return;
    }
    const backoff = Math.min((options.crashBackoffMs ?? CRASH_BACKOFF_MS) * 2 ** (crashes - 1), 60_000);
    logger.error({ err: error, runId: run.id, crashes }, 'run execution crashed; retrying it later');
    await store.commitStep(run.id, owner, null, { releaseLease: true, readyAt: clock.now() + backoff });
    setTimeout(wake, backoff).unref();
  }

  /** How long to sleep when idle: until the next parked run is due, looked up once per poll interval. */
  async function idleDelay(): Promise<number> {
    const now = clock.now();
    if (now - lastReadyCheck < options.pollIntervalMs) return options.pollIntervalMs;
    lastReadyCheck = now;
    const next = await store.nextReadyAt().catch(() => null);
    if (next === null) return options.pollIntervalMs;
    return Math.max(0, Math.min(options.pollIntervalMs, next - clock.now()));
  }

  const baseClaimInterval = options.claimIntervalMs ?? 2;
  let claimInterval = baseClaimInterval;
  let lastClaim = 0;

  async function loop() {
    while (!stopping) {
      const sinceClaim = performance.now() - lastClaim;
      if (sinceClaim < claimInterval) await new Promise((r) => setTimeout(r, claimInterval - sinceClaim));
      lastClaim = performance.now();
      signal.consume();
      const free = options.concurrency - held.size - reserved;
      saturated = free <= 0;
      if (free > 0) {
        let claimed: RunRecord[] = [];
        try {
          claimed = await store.claimRuns(owner, clock.now(), options.leaseMs, free);
        } catch (error) {
          logger.error({ err: error }, 'claiming runs failed');
        }
        for (const run of claimed) {
          if (run.leaseTakenFrom) deps.telemetry?.leaseTakenOver(run);
          execute(run);
        }
        claimInterval = claimed.length > 0 ? baseClaimInterval : Math.min(64, claimInterval * 2);
        saturated = claimed.length >= free;
        if (saturated) continue;
      }
      if (signal.consume()) continue;
      const delay = free > 0 ? await idleDelay() : options.pollIntervalMs;
      await signal.sleep(delay);
    }
  }

  async function heartbeat() {
    if (held.size === 0) return;
    try {
      const lost = await store.heartbeat(owner, [...held.keys()], clock.now() + options.leaseMs);
      for (const id of lost) {
        logger.warn({ runId: id }, 'lease lost; another worker took the run over');
        held.get(id)?.cancellation.abort();
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
    reserve() {
      if (!running || stopping || held.size + reserved >= options.concurrency) return null;
      reserved += 1;
      return { owner, until: clock.now() + options.leaseMs };
    },
    dispatch(run) {
      reserved -= 1;
      if (run && !stopping) execute(run);
    },
    async stop(graceMs = 10_000) {
      if (!running) return;
      stopping = true;
      wake();
      await loopDone;
      const all = Promise.all([...held.values()].map((h) => h.done));
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([all, timeout]);
      for (const h of held.values()) h.cancellation.abort();
      if (heartbeatTimer) clearInterval(heartbeatTimer);
      running = false;
    },
  };
}
