import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type CheckpointMode, createCheckpointer } from './checkpointer.js';
import { openSqliteDb } from './sqlite-db.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stratoflow-checkpoint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes ~6 MB (1,500 pages: fewer than the writer's own checkpoint threshold) in 30 commits. */
async function writeMegabytes(mode: CheckpointMode) {
  const file = join(dir, `${mode}.db`);
  const { db } = openSqliteDb(file, 'normal', mode);
  await db.run('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  for (let i = 0; i < 30; i++) {
    await db.transaction(async (tx) => {
      for (let j = 0; j < 50; j++) await tx.run('INSERT INTO blobs (body) VALUES (?)', ['x'.repeat(4000)]);
    });
  }
  return { file, db };
}

async function until(check: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

it('thread: another connection copies the WAL into the database file while the writer goes on', async () => {
  const { file, db } = await writeMegabytes('thread');
  // The writer's own threshold is far away: only the thread can have filled the database file.
  expect(await until(() => statSync(file).size > 5_000_000)).toBe(true);
  await db.close();
  expect(existsSync(`${file}-wal`)).toBe(false);
  const reopened = new Database(file, { readonly: true });
  expect(reopened.prepare('SELECT COUNT(*) AS n FROM blobs').get()).toEqual({ n: 1500 });
  reopened.close();
});

it('thread: closing is the last thing a script awaits, and it still closes the file and removes the WAL', async () => {
  // A process with nothing else to do: only the close keeps it alive until the thread has exited.
  const file = join(dir, 'script.db');
  const script = [
    `import { openSqliteDb } from './src/store/sqlite/sqlite-db.ts';`,
    `const { db } = openSqliteDb(${JSON.stringify(file)}, 'normal', 'thread');`,
    `await db.run('CREATE TABLE t (x INTEGER)');`,
    `await db.run('INSERT INTO t (x) VALUES (1)');`,
    `await db.close();`,
    `console.log('closed');`,
  ].join('\n');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: fileURLToPath(new URL('../../..', import.meta.url)) },
  );
  expect(stdout.trim()).toBe('closed');
  expect(existsSync(`${file}-wal`)).toBe(false);
});

it('inline: the same writes stay in the WAL until the writer reaches its own threshold', async () => {
  const { file, db } = await writeMegabytes('inline');
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(statSync(file).size).toBeLessThan(1_000_000);
  expect(statSync(`${file}-wal`).size).toBeGreaterThan(5_000_000);
  await db.close();
});

it('auto: checkpoints move to the thread once slow commits took 3% of ten seconds', async () => {
  const file = join(dir, 'auto.db');
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  const checkpointer = createCheckpointer(raw, file, 'auto');
  try {
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
    for (let i = 0; i < 1000; i++) checkpointer.noteCommit(0.4); // ordinary commits never count
    for (let i = 0; i < 5; i++) checkpointer.noteCommit(50);
    expect(checkpointer.threaded).toBe(false);
    checkpointer.noteCommit(50);
    expect(checkpointer.threaded).toBe(true);
    // The writer keeps only a safety net of its own.
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(16_000);
  } finally {
    await checkpointer.close();
    raw.close();
  }
});

it('never starts a thread for an in-memory database', async () => {
  const raw = new Database(':memory:');
  const checkpointer = createCheckpointer(raw, ':memory:', 'thread');
  expect(checkpointer.threaded).toBe(false);
  await checkpointer.close();
  raw.close();
});

it('hands checkpoints back to the writer when the thread fails, and does not start another', async () => {
  const file = join(dir, 'failing.db');
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  // The thread opens this path with fileMustExist: it fails at once.
  const checkpointer = createCheckpointer(raw, join(dir, 'missing.db'), 'auto');
  try {
    for (let i = 0; i < 6; i++) checkpointer.noteCommit(50);
    expect(checkpointer.threaded).toBe(true);
    expect(await until(() => !checkpointer.threaded)).toBe(true);
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
    for (let i = 0; i < 20; i++) checkpointer.noteCommit(50);
    expect(checkpointer.threaded).toBe(false);
  } finally {
    await checkpointer.close();
    raw.close();
  }
});
