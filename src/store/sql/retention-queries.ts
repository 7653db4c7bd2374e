import type { Db } from './db.js';

const FINISHED = "('completed', 'failed')";

/** Tables whose rows belong to one run (`run_id`), deleted together with it. */
const RUN_TABLES = ['logs', 'run_files', 'interactions', 'idempotency_keys'] as const;

/** Retention: finished runs past their time are deleted in small batches; SQLite gives the space back. */
export function retentionQueries(db: Db) {
  // Oldest first; a child stays while its parent is unfinished. PostgreSQL: workers sweeping at once
  // skip each other's rows instead of waiting on them.
  const pick = `SELECT r.id FROM runs r WHERE r.completed_at < ? AND r.status IN ${FINISHED}
      AND NOT EXISTS (SELECT 1 FROM runs p WHERE p.id = r.parent_run_id AND p.status NOT IN ${FINISHED})
    ORDER BY r.completed_at LIMIT ?${db.dialect === 'postgres' ? ' FOR UPDATE OF r SKIP LOCKED' : ''}`;
  return {
    async deleteFinishedRuns(before: number, limit: number): Promise<number> {
      return db.transaction(async (tx) => {
        const rows = await tx.all<{ id: string }>(pick, [before, limit]);
        if (rows.length === 0) return 0;
        const ids = rows.map((r) => r.id);
        const list = ids.map(() => '?').join(', ');
        for (const table of RUN_TABLES) await tx.run(`DELETE FROM ${table} WHERE run_id IN (${list})`, ids);
        return tx.run(`DELETE FROM runs WHERE id IN (${list})`, ids);
      });
    },
    async reclaimSpace(): Promise<number> {
      return db.reclaimSpace ? db.reclaimSpace() : 0;
    },
  };
}
