import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAdminUrl } from '../../test/helpers/postgres.js';
import { openStore, pgPoolSizeFromEnv } from './open-store.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stratoflow-open-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openStore', () => {
  it('opens SQLite in the data folder, creating it, when no DATABASE_URL is set', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const store = await openStore({ databaseUrl: null, dataDir });
    try {
      expect(store.dialect).toBe('sqlite');
      expect(existsSync(join(dataDir, 'stratoflow.db'))).toBe(true);
      expect(await store.ready()).toBe(true);
    } finally {
      await store.close();
    }
    expect(await store.ready()).toBe(false);
  });

  it('leaves migrations alone when asked to, and is then not ready', async () => {
    const store = await openStore({ databaseUrl: null, dataDir: tempDir(), migrate: false });
    try {
      expect(await store.ready()).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('reopens a current database without migrating, and refuses one a newer build has migrated', async () => {
    const dataDir = tempDir();
    await (await openStore({ databaseUrl: null, dataDir })).close();
    const file = join(dataDir, 'stratoflow.db');
    const applied = () => {
      const reader = new Database(file, { readonly: true });
      try {
        return reader.prepare('SELECT count(*) AS n FROM kysely_migration').get();
      } finally {
        reader.close();
      }
    };
    const before = applied();
    const reopened = await openStore({ databaseUrl: null, dataDir });
    expect(await reopened.ready()).toBe(true);
    await reopened.close();
    expect(applied()).toEqual(before);

    const raw = new Database(file);
    raw
      .prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)')
      .run('9999-future', new Date().toISOString());
    raw.close();
    const inspected = await openStore({ databaseUrl: null, dataDir, migrate: false });
    expect(await inspected.ready()).toBe(false);
    await inspected.close();
    await expect(openStore({ databaseUrl: null, dataDir })).rejects.toThrow(/9999-future/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', async () => {
    await expect(openStore({ databaseUrl: 'mysql://localhost/x', dataDir: tempDir() })).rejects.toThrow(
      /postgres:\/\/ or postgresql:\/\//,
    );
  });

  it.skipIf(!postgresAdminUrl())('opens PostgreSQL for postgres:// and postgresql:// URLs', async () => {
    const database = await createTestDatabase();
    try {
      for (const url of [database.url, database.url.replace(/^postgres:/, 'postgresql:')]) {
        const store = await openStore({ databaseUrl: url, dataDir: tempDir(), pgPoolSize: 2 });
        try {
          expect(store.dialect).toBe('postgres');
          expect(await store.ready()).toBe(true);
        } finally {
          await store.close();
        }
      }
    } finally {
      await database.drop();
    }
  });
});

describe('pgPoolSizeFromEnv', () => {
  it('defaults to 10 and accepts a positive integer', () => {
    expect(pgPoolSizeFromEnv({})).toBe(10);
    expect(pgPoolSizeFromEnv({ STRATOFLOW_PG_POOL_SIZE: '' })).toBe(10);
    expect(pgPoolSizeFromEnv({ STRATOFLOW_PG_POOL_SIZE: '25' })).toBe(25);
  });

  it('rejects anything else with the variable named', () => {
    for (const value of ['0', '-3', '2.5', 'many']) {
      expect(() => pgPoolSizeFromEnv({ STRATOFLOW_PG_POOL_SIZE: value })).toThrow(/STRATOFLOW_PG_POOL_SIZE/);
    }
  });
});
