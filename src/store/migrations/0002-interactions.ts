import type { Kysely, Migration } from 'kysely';

/**
 * Interactions: what a waiting run asks people (forms). One row per (run, node); `status` moves once,
 * from `pending` to `answered`, `expired` or `cancelled`, by compare-and-set. Portable SQL only.
 */
export const interactions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('interactions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('assignee', 'text')
      .addColumn('link_hash', 'text', (c) => c.unique())
      .addColumn('url', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('answer', 'text')
      .addColumn('answered_by', 'text')
      .addColumn('answered_at', 'bigint')
      .addUniqueConstraint('interactions_run_node', ['run_id', 'node_id'])
      .execute();
    await db.schema
      .createIndex('interactions_inbox')
      .on('interactions')
      .columns(['org_id', 'status', 'created_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('interactions').execute();
  },
};
