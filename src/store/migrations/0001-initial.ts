import type { Kysely, Migration } from 'kysely';

/**
 * The initial schema, portable between SQLite and PostgreSQL: times are epoch milliseconds (bigint),
 * flags are integers (0/1), JSON is text. No dialect-specific SQL here.
 */
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('workflows')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('is_active', 'integer', (c) => c.notNull())
      .addColumn('authorization_id', 'text')
      .addColumn('schedule_type', 'text')
      .addColumn('schedule_value', 'text')
      .addColumn('schedule_timezone', 'text')
      .addColumn('next_run_at', 'bigint')
      .addColumn('webhook_token', 'text', (c) => c.unique())
      .addColumn('trigger_component', 'text', (c) => c.notNull())
      .addColumn('version_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('workflows_org').on('workflows').columns(['org_id', 'created_at']).execute();
    await db.schema.createIndex('workflows_due').on('workflows').columns(['next_run_at']).execute();

    await db.schema
      .createTable('workflow_versions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('versions_workflow').on('workflow_versions').column('workflow_id').execute();

    await db.schema
      .createTable('runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('version_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('trigger_payload', 'text', (c) => c.notNull())
      .addColumn('error_message', 'text')
      .addColumn('failed_node_id', 'text')
      .addColumn('original_run_id', 'text')
      .addColumn('resumed_from_node_id', 'text')
      .addColumn('inherited', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('parent_run_id', 'text')
      .addColumn('depth', 'integer', (c) => c.notNull())
      .addColumn('ready_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('completed_at', 'bigint')
      .execute();
    await db.schema.createIndex('runs_ready').on('runs').columns(['status', 'ready_at']).execute();
    await db.schema.createIndex('runs_workflow').on('runs').columns(['workflow_id', 'created_at']).execute();
    await db.schema.createIndex('runs_parent').on('runs').column('parent_run_id').execute();

    await db.schema
      .createTable('logs')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('component_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('input', 'text', (c) => c.notNull())
      .addColumn('output', 'text', (c) => c.notNull())
      .addColumn('handle', 'text')
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('duration_ms', 'double precision', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      // (run_id, seq) orders a run's log and makes a second writer's duplicate step fail. Logs are the
      // hottest insert: every index here costs every node, so there are only two.
      .addPrimaryKeyConstraint('logs_pk', ['run_id', 'seq'])
      .execute();
    await db.schema.createIndex('logs_workflow').on('logs').columns(['workflow_id', 'created_at']).execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['org_id', 'key'])
      .execute();

    await db.schema
      .createTable('vault_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('ciphertext', 'text')
      .addColumn('iv', 'text')
      .addColumn('tag', 'text')
      .addColumn('wrapped_key', 'text')
      .addColumn('key_id', 'text')
      .addColumn('expires_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('vault_items_name', ['org_id', 'name'])
      .execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('vault_id', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('key_prefix', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('authorizations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('email', 'text')
      .addColumn('provider', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('sealed_token', 'text')
      .addColumn('confirm_token_hash', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('authorizations_org').on('authorizations').column('org_id').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'authorizations',
      'api_keys',
      'vault_items',
      'idempotency_keys',
      'logs',
      'runs',
      'workflow_versions',
      'workflows',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
