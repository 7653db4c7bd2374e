import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { initial } from './0001-initial.js';
import { interactions } from './0002-interactions.js';
import { linksAndFiles } from './0003-links-and-files.js';
import { reliability } from './0004-reliability.js';
import { observability } from './0006-observability.js';
import { logWarnings } from './0007-log-warnings.js';
import { retention } from './0009-retention.js';
import { runsByOrg } from './0010-runs-by-org.js';
import { activeRunIndexes } from './0011-active-run-indexes.js';
import { runCounts } from './0012-run-counts.js';
import { failedRunsIndex } from './0013-failed-runs-index.js';
import { MIGRATION_NAMES } from './names.js';

/** The one migration set, for SQLite and PostgreSQL alike. Append; never edit a released migration. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-interactions': interactions,
  '0003-links-and-files': linksAndFiles,
  '0004-reliability': reliability,
  '0006-observability': observability,
  '0007-log-warnings': logWarnings,
  '0009-retention': retention,
  '0010-runs-by-org': runsByOrg,
  '0011-active-run-indexes': activeRunIndexes,
  '0012-run-counts': runCounts,
  '0013-failed-runs-index': failedRunsIndex,
};

const names = Object.keys(migrations);
if (names.join() !== MIGRATION_NAMES.join()) {
  throw new Error(
    `names.ts lists the migrations ${MIGRATION_NAMES.join(', ')}, index.ts ${names.join(', ')}: make them agree.`,
  );
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date. On PostgreSQL Kysely holds an advisory lock while it migrates. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Applies migrations up to and including `name` only (tests of a migration's data changes). */
export async function migrateTo(db: Kysely<unknown>, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error;
}
