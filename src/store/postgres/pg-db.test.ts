import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../../../test/helpers/postgres.js';
import { createPgDb, createStorePool } from './pg-db.js';

describe.skipIf(!postgresAdminUrl())('PostgreSQL Db port', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = createPgDb(createStorePool(database.url));
    await db.run('CREATE TABLE items (id text PRIMARY KEY, n bigint NOT NULL)');
    await db.close();
  });
  afterAll(() => database?.drop());

  async function withDb<T>(
    poolSize: number,
    fn: (db: ReturnType<typeof createPgDb>, pool: pg.Pool) => Promise<T>,
  ) {
    const pool = createStorePool(database.url, { poolSize });
    const db = createPgDb(pool);
    try {
      return await fn(db, pool);
    } finally {
      await db.close();
    }
  }

  it('binds ? placeholders in order and reports changed rows', async () => {
    await withDb(2, async (db) => {
      expect(await db.run('INSERT INTO items (id, n) VALUES (?, ?), (?, ?)', ['a', 1, 'b', 2])).toBe(2);
      expect(await db.run('UPDATE items SET n = n + ? WHERE id IN (?, ?)', [10, 'a', 'b'])).toBe(2);
      expect(await db.run('DELETE FROM items WHERE id = ?', ['missing'])).toBe(0);
      expect(await db.all('SELECT id, n FROM items WHERE n > ? ORDER BY id', [0])).toEqual([
        { id: 'a', n: 11 },
        { id: 'b', n: 12 },
      ]);
      await db.run('DELETE FROM items');
    });
  });

  it('returns int8 as numbers, refuses unsafe ones, and leaves the global pg parsers alone', async () => {
    await withDb(1, async (db) => {
      const [row] = await db.all<{ t: unknown; c: unknown }>(
        'SELECT CAST(? AS bigint) AS t, COUNT(*) AS c FROM items',
        [Date.UTC(2025, 9, 31)],
      );
      expect(row).toEqual({ t: Date.UTC(2025, 9, 31), c: 0 });
      await expect(db.all('SELECT CAST(? AS bigint) AS big', ['9007199254740993'])).rejects.toThrow(
        /beyond Number.MAX_SAFE_INTEGER/,
      );
    });
    const plain = new pg.Client({ connectionString: database.url });
    await plain.connect();
    try {
      const { rows } = await plain.query('SELECT CAST(7 AS bigint) AS n');
      expect(rows[0]).toEqual({ n: '7' });
    } finally {
      await plain.end();
    }
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await withDb(2, async (db) => {
      await db.transaction(async (tx) => {
        await tx.run('INSERT INTO items (id, n) VALUES (?, ?)', ['kept', 1]);
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO items (id, n) VALUES (?, ?)', ['undone', 1]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      await expect(
        db.transaction((tx) => tx.run('INSERT INTO items (id, n) VALUES (?, ?)', ['kept', 2])),
      ).rejects.toMatchObject({ code: '23505' });
      expect(await db.all('SELECT id, n FROM items ORDER BY id')).toEqual([{ id: 'kept', n: 1 }]);
      await db.run('DELETE FROM items');
    });
  });

  it('gives the connection back after every transaction, failed or not', async () => {
    await withDb(1, async (db, pool) => {
      for (let i = 0; i < 5; i++) {
        await expect(
          db.transaction(async () => {
            throw new Error(`fail ${i}`);
          }),
        ).rejects.toThrow();
        await db.transaction((tx) => tx.all('SELECT 1'));
      }
      expect(await db.all('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
      expect(pool.idleCount).toBe(1);
    });
  });

  it('opens no more connections than the pool size', async () => {
    await withDb(2, async (db, pool) => {
      let most = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          await db.all('SELECT pg_sleep(0.02)');
          most = Math.max(most, pool.totalCount);
        }),
      );
      expect(most).toBe(2);
    });
  });
});
