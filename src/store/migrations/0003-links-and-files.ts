import type { Kysely, Migration } from 'kysely';

/**
 * Run files (bytes a node produced, e.g. a PDF) and short links (`/l/{code}`). The file content is a
 * `bytea` column: PostgreSQL's binary type; SQLite accepts the name and stores the bytes as a BLOB (a
 * column's affinity never converts BLOB values), so the one migration fits both.
 */
export const linksAndFiles: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('run_files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('content', 'bytea', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('run_files_run').on('run_files').columns(['run_id', 'created_at']).execute();
    await db.schema.createIndex('run_files_workflow').on('run_files').column('workflow_id').execute();

    await db.schema
      .createTable('short_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text')
      .addColumn('run_id', 'text')
      .addColumn('clicks', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('short_links_org')
      .on('short_links')
      .columns(['org_id', 'created_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('short_links').execute();
    await db.schema.dropTable('run_files').execute();
  },
};
