import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The runs table's indexes cover only the rows their queries read (docs/decisions/0030):
 * - `runs_ready` (the claim queue, the queue metrics, quota counts) holds unfinished runs only. Finished
 *   runs are nearly all of the table and no query looks them up by status and readiness; they made the
 *   retention sweep pick this index and sort every finished run for each batch.
 * - `runs_completed` (the retention sweep) holds finished runs only.
 * - `runs_parent` is dropped: no query reads runs by their parent.
 * Every run inserted then writes two fewer index entries. The predicate of `runs_ready` is the text the
 * queries use (`status IN ${PARKABLE}` in run-queries.ts): SQLite uses a partial index only for a query
 * that repeats its condition.
 */
export const activeRunIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('runs_parent').execute();
    await db.schema.dropIndex('runs_ready').execute();
    await db.schema
      .createIndex('runs_ready')
      .on('runs')
      .columns(['status', 'ready_at'])
      .where(sql<boolean>`status IN ('pending', 'running', 'awaiting_ui_interaction')`)
      .execute();
    await db.schema.dropIndex('runs_completed').execute();
    await db.schema
      .createIndex('runs_completed')
      .on('runs')
      .column('completed_at')
      .where(sql<boolean>`completed_at IS NOT NULL`)
      .execute();
  },
};
