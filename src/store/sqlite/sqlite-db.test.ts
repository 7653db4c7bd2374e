import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BATCH_BUDGET_MS, openSqliteDb } from './sqlite-db.js';

it('applies the configured durability (normal by default, full on request) and an 8 MB page cache', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratoflow-sync-'));
  try {
    for (const [mode, expected] of [
      [undefined, 1],
      ['normal', 1],
      ['full', 2],
    ] as const) {
      const { db, raw } = openSqliteDb(join(dir, `${mode}.db`), mode);
      expect(raw.pragma('synchronous', { simple: true })).toBe(expected);
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      // The page cache is bounded at 8 MB (decision 0034; a negative size is in KiB).
      expect(raw.pragma('cache_size', { simple: true })).toBe(-8000);
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('lets the event loop run between slow writes, which still commit in the order they were queued', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratoflow-budget-'));
  const { db } = openSqliteDb(join(dir, 'budget.db'));
  try {
    await db.run('CREATE TABLE t (x INTEGER)');
    const order: string[] = [];
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    let fifth: Promise<unknown> = Promise.resolve();
    const write = (x: number): Promise<unknown> =>
      db.transaction(async (tx) => {
        busy(BATCH_BUDGET_MS + 5); // a write of a large payload
        await tx.run('INSERT INTO t VALUES (?)', [x]);
        order.push(`write ${x}`);
        // Queued while the first batch runs: it must wait for the writes queued before it.
        if (x === 1) fifth = write(5);
      });
    const writes = [1, 2, 3, 4].map(write);
    // The event loop gets a turn once the first batch has run its budget, before writes 2-4.
    setImmediate(() => order.push('other work'));
    await Promise.all(writes);
    await fifth;
    expect(order).toEqual(['write 1', 'other work', 'write 2', 'write 3', 'write 4', 'write 5']);
    expect(await db.all<{ x: number }>('SELECT x FROM t ORDER BY rowid')).toEqual(
      [1, 2, 3, 4, 5].map((x) => ({ x })),
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
