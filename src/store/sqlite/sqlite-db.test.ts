import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openSqliteDb } from './sqlite-db.js';

it('applies the configured durability: normal by default, full on request', async () => {
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
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
