import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * Where WAL checkpoints run (decision 0031). `inline`: in the writer's COMMIT, SQLite's default, on the
 * event loop. `thread`: a worker thread with its own connection checkpoints a few times a second.
 * `auto`: inline until checkpoints take a noticeable share of the event loop, then the thread.
 */
export type CheckpointMode = 'auto' | 'thread' | 'inline';

/** Pages of WAL after which the writer checkpoints itself (SQLite's default is 1000). */
const INLINE_CHECKPOINT_PAGES = 4000;
/**
 * With the thread, the writer's own checkpoint is a safety net (64 MB of WAL at 4 kB pages): for a thread
 * that falls behind, and because only a writer that finds the WAL fully copied starts it over from the
 * beginning, which a writer that never pauses may not find. Most pages are then copied already.
 */
const SAFETY_NET_PAGES = 16_000;
/** A COMMIT this slow checkpointed (a plain one takes well under a millisecond). */
const CHECKPOINTING_COMMIT_MS = 5;
/** `auto` moves checkpoints to the thread when they took this share of a window... */
const MOVE_SHARE = 0.03;
/** ...of this length. */
const WINDOW_MS = 10_000;
/** How often the thread checkpoints. */
const INTERVAL_MS = 100;

export interface Checkpointer {
  /** Called after each COMMIT with its duration; in `auto` mode it may start the thread. */
  noteCommit(ms: number): void;
  /** Whether checkpoints run in the thread now. */
  readonly threaded: boolean;
  /** Stops the thread (before the writer's connection closes, so that one checkpoints last). */
  close(): Promise<void>;
}

/**
 * The checkpoint policy for one SQLite file. The thread runs `PRAGMA wal_checkpoint(PASSIVE)`, which
 * never blocks the writer or readers; a checkpoint's fsyncs (most of its cost) then wait off the event
 * loop. A thread costs ~13 MB of memory (a V8 isolate), so `auto` starts it only under a write load
 * whose checkpoints cost more than that is worth. A thread that fails hands checkpoints back to the
 * writer (a checkpoint is housekeeping: committed data is in the WAL either way).
 */
export function createCheckpointer(
  raw: Database.Database,
  file: string,
  initialMode: CheckpointMode,
): Checkpointer {
  let mode = initialMode;
  raw.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
  let worker: Worker | null = null;
  let windowStart = performance.now();
  let slowMs = 0;

  const start = () => {
    if (worker || file === ':memory:' || file === '') return;
    const synchronous = raw.pragma('synchronous', { simple: true }) as number;
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      resourceLimits: THREAD_HEAP_LIMITS,
      workerData: {
        file,
        synchronous,
        intervalMs: INTERVAL_MS,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
    worker.unref();
    raw.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
    worker.once('error', () => {
      // Not started again: a thread that failed once would likely fail again.
      worker = null;
      mode = 'inline';
      raw.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
    });
  };
  if (mode === 'thread') start();

  return {
    noteCommit(ms) {
      if (mode !== 'auto' || worker) return;
      const now = performance.now();
      if (now - windowStart > WINDOW_MS) {
        windowStart = now;
        slowMs = 0;
      }
      if (ms < CHECKPOINTING_COMMIT_MS) return;
      slowMs += ms;
      if (slowMs < MOVE_SHARE * WINDOW_MS) return;
      try {
        start();
      } catch {
        mode = 'inline'; // no thread to be had (resource limits): checkpoints stay where they were
      }
    },
    get threaded() {
      return worker !== null;
    },
    async close() {
      const running = worker;
      if (!running) return;
      worker = null;
      running.removeAllListeners('error');
      running.on('error', () => {});
      const exited = new Promise((resolve) => running.once('exit', resolve));
      // Held until it exits: with nothing else to do (a script's last await), an unreferenced thread
      // would let the process end before this connection closed, leaving the WAL behind.
      running.ref();
      running.postMessage('stop');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      await running.terminate();
    },
  };
}

/**
 * The thread's V8 heap: it holds a timer and a statement, ~5 MB of heap with Node's own start-up. V8's
 * defaults size a worker like a main thread; these bounds take ~3 MB off its resident memory (measured:
 * 15.6 → 12.6 MB). Were they ever too small, the thread would fail and checkpoints return to the writer.
 */
const THREAD_HEAP_LIMITS = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 };

/**
 * The thread: its own connection to the file, a PASSIVE checkpoint every `intervalMs` (a cheap read of
 * the WAL index when there is nothing to copy), and a clean close when asked. CommonJS, evaluated as is.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = ' + workerData.synchronous);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    if (error && error.code !== 'SQLITE_BUSY' && error.code !== 'SQLITE_LOCKED') throw error;
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;
