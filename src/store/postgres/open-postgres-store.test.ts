import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAdminUrl } from '../../../test/helpers/postgres.js';
import { openPostgresStore } from './open-postgres-store.js';

async function appliedMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name');
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgresAdminUrl())('openPostgresStore', () => {
  it('lets many processes start at once on a fresh database: each migration is applied once', async () => {
    const database = await createTestDatabase();
    try {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openPostgresStore(database.url, { poolSize: 2 })),
      );
      try {
        expect(await Promise.all(stores.map((s) => s.ready()))).toEqual([true, true, true, true]);
        const names = await appliedMigrations(database.url);
        expect(names.length).toBeGreaterThan(0);
        expect(new Set(names).size).toBe(names.length);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    } finally {
      await database.drop();
    }
  });

  it('is not ready until the migrations have run', async () => {
    const database = await createTestDatabase();
    const unmigrated = await openPostgresStore(database.url, { migrate: false });
    try {
      expect(unmigrated.dialect).toBe('postgres');
      expect(await unmigrated.ready()).toBe(false);
      const migrated = await openPostgresStore(database.url);
      await migrated.close();
      expect(await unmigrated.ready()).toBe(true);
    } finally {
      await unmigrated.close();
      await database.drop();
    }
  });

  it('is not ready, and refuses to open, when a newer build has migrated the database', async () => {
    const database = await createTestDatabase();
    try {
      await (await openPostgresStore(database.url)).close();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query('INSERT INTO kysely_migration (name, timestamp) VALUES ($1, $2)', [
        '9999-future',
        new Date().toISOString(),
      ]);
      await client.end();
      const inspected = await openPostgresStore(database.url, { migrate: false });
      expect(await inspected.ready()).toBe(false);
      await inspected.close();
      await expect(openPostgresStore(database.url)).rejects.toThrow(/9999-future/);
    } finally {
      await database.drop();
    }
  });

  it('answers not ready, without throwing, once the database is gone', async () => {
    const database = await createTestDatabase();
    const store = await openPostgresStore(database.url);
    try {
      expect(await store.ready()).toBe(true);
      await database.drop();
      expect(await store.ready()).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('fails to open when the server cannot be reached', async () => {
    const url = new URL(postgresAdminUrl()!);
    url.port = '1'; // nothing listens on port 1 of the loopback
    await expect(openPostgresStore(url.toString())).rejects.toThrow();
  });
});
