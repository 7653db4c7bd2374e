import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import {
  isPostgresUrl,
  openStore,
  pgPoolSizeFromEnv,
  SQLITE_FILE_NAME,
  type StoreConfig,
} from '../store/open-store.js';

export type MigrateOutcome = 'applied' | 'current' | 'pending';

/** Where the store lives, without credentials: safe to print. */
export function describeDatabase(config: StoreConfig): string {
  if (config.databaseUrl && isPostgresUrl(config.databaseUrl)) {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  }
  return `SQLite at ${join(config.dataDir, SQLITE_FILE_NAME)}`;
}

/**
 * Brings the schema up to date (or, with `check`, only reports whether it is). Safe to run while other
 * processes start: migrations take an advisory lock on PostgreSQL and SQLite has a single writer.
 */
export async function migrateDatabase(
  config: StoreConfig,
  options: { check?: boolean } = {},
): Promise<MigrateOutcome> {
  const inspected = await openStore({ ...config, migrate: false });
  const wasCurrent = await inspected.ready();
  await inspected.close();
  if (wasCurrent) return 'current';
  if (options.check) return 'pending';
  const migrated = await openStore({ ...config, migrate: true });
  try {
    if (!(await migrated.ready())) throw new Error('Migrations ran but the schema is still not current');
  } finally {
    await migrated.close();
  }
  return 'applied';
}

const MESSAGES: Record<MigrateOutcome, string> = {
  applied: 'Applied the pending migrations; the schema is current.',
  current: 'The schema is already current; nothing to apply.',
  pending: 'Migrations are pending: run `stratoflow migrate` to apply them.',
};

export function registerMigrate(program: Command) {
  program
    .command('migrate')
    .description('Apply pending database migrations (SQLite data folder, or DATABASE_URL) and exit')
    .option('--data-dir <dir>', 'data folder of the embedded SQLite store (STRATOFLOW_DATA_DIR)')
    .option('--check', 'only report whether migrations are pending; exit 1 when they are')
    .action(async (opts: { dataDir?: string; check?: boolean }) => {
      const config = loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {});
      const storeConfig: StoreConfig = {
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        pgPoolSize: pgPoolSizeFromEnv(process.env),
      };
      console.log(`Database: ${describeDatabase(storeConfig)}`);
      const outcome = await migrateDatabase(storeConfig, { check: opts.check ?? false });
      console.log(MESSAGES[outcome]);
      if (outcome === 'pending') process.exitCode = 1;
    });
}
