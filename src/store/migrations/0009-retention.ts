import type { Kysely, Migration } from 'kysely';

/**
 * Indexes the retention sweep needs (issue 12 item 11): finished runs by when they ended, and the rows
 * tied to a run that are deleted with it (idempotency keys and form interactions had no run index).
 */
export const retention: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('runs_completed').on('runs').column('completed_at').execute();
    await db.schema.createIndex('idempotency_keys_run').on('idempotency_keys').column('run_id').execute();
    await db.schema.createIndex('interactions_run').on('interactions').column('run_id').execute();
  },
};
