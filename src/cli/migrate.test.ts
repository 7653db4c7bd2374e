import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAdminUrl } from '../../test/helpers/postgres.js';
import { describeDatabase, migrateDatabase } from './migrate.js';

const run = promisify(execFile);
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stratoflow-migrate-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('stratoflow migrate', () => {
  it('applies the migrations of a new SQLite store once, then finds nothing to do', async () => {
    const config = { databaseUrl: null, dataDir: tempDir() };
    expect(await migrateDatabase(config, { check: true })).toBe('pending');
    expect(await migrateDatabase(config)).toBe('applied');
    expect(await migrateDatabase(config)).toBe('current');
    expect(await migrateDatabase(config, { check: true })).toBe('current');
  });

  it.skipIf(!postgresAdminUrl())('applies the migrations of a new PostgreSQL database', async () => {
    const database = await createTestDatabase();
    try {
      const config = { databaseUrl: database.url, dataDir: tempDir() };
      expect(await migrateDatabase(config, { check: true })).toBe('pending');
      expect(await migrateDatabase(config)).toBe('applied');
      expect(await migrateDatabase(config)).toBe('current');
    } finally {
      await database.drop();
    }
  });

  it('names the database without its credentials', () => {
    expect(
      describeDatabase({ databaseUrl: 'postgres://app:s3cret@db.internal:6543/flows', dataDir: '/x' }),
    ).toBe('PostgreSQL at db.internal:6543/flows');
    expect(describeDatabase({ databaseUrl: null, dataDir: '/var/lib/stratoflow' })).toBe(
      'SQLite at /var/lib/stratoflow/stratoflow.db',
    );
  });

  it('runs as a CLI command and prints what it did', async () => {
    const dataDir = tempDir();
    const cli = ['--import', 'tsx', 'src/cli/main.ts', 'migrate', '--data-dir', dataDir];
    const env = { ...process.env, DATABASE_URL: '' };
    const first = await run(process.execPath, cli, { env });
    expect(first.stdout).toContain(`Database: SQLite at ${join(dataDir, 'stratoflow.db')}`);
    expect(first.stdout).toContain('Applied the pending migrations');
    expect(existsSync(join(dataDir, 'stratoflow.db'))).toBe(true);
    const second = await run(process.execPath, [...cli, '--check'], { env });
    expect(second.stdout).toContain('already current');
  });
});
