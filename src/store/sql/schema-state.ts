import { MIGRATION_NAMES, MIGRATION_TABLE } from '../migrations/names.js';
import type { Db } from './db.js';

/** The migrations recorded as applied in `db` (none when the table does not exist yet). */
async function appliedMigrations(db: Db): Promise<Set<string>> {
  const exists =
    db.dialect === 'sqlite'
      ? await db.all("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATION_TABLE])
      : // Resolved through the search path, as Kysely's unqualified table name is.
        await db.all('SELECT 1 WHERE to_regclass(?) IS NOT NULL', [MIGRATION_TABLE]);
  if (exists.length === 0) return new Set();
  const rows = await db.all<{ name: string }>(`SELECT name FROM ${MIGRATION_TABLE}`);
  return new Set(rows.map((r) => r.name));
}

/**
 * Whether `db`'s schema is exactly the one this build knows: every migration applied and none unknown
 * (a newer build's). When it is not, the Migrator decides: it applies what is pending, or refuses a
 * database it does not know.
 */
export async function schemaCurrent(db: Db): Promise<boolean> {
  const applied = await appliedMigrations(db);
  return applied.size === MIGRATION_NAMES.length && MIGRATION_NAMES.every((name) => applied.has(name));
}
