/**
 * The names of the one migration set, in order, and the table Kysely's Migrator records applied ones in.
 * Kept apart from the migrations themselves so that a process can see its schema is current without
 * loading Kysely (263 modules, ~4 MB of an idle server's heap). `index.ts` checks the two lists agree.
 */
export const MIGRATION_NAMES: readonly string[] = [
  '0001-initial',
  '0002-interactions',
  '0003-links-and-files',
  '0004-reliability',
  '0006-observability',
  '0007-log-warnings',
  '0009-retention',
  '0010-runs-by-org',
  '0011-active-run-indexes',
  '0012-run-counts',
  '0013-failed-runs-index',
];

/** Kysely's default migration table. */
export const MIGRATION_TABLE = 'kysely_migration';
