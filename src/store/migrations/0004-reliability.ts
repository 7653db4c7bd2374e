import { type Kysely, type Migration, sql } from 'kysely';
import { hashWebhookToken, webhookTokenHint } from '../../domain/webhook-token.js';

/**
 * Webhook tokens stored hashed: `webhook_token_hash` (SHA-256, unique) and `webhook_token_hint` (last
 * four characters) replace the plaintext `webhook_token`, which is emptied (kept as a column: SQLite
 * cannot drop a UNIQUE column). Existing URLs keep working: their hashes are computed here.
 */
export const reliability: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('workflows').addColumn('webhook_token_hash', 'text').execute();
    await db.schema.alterTable('workflows').addColumn('webhook_token_hint', 'text').execute();
    await db.schema
      .createIndex('workflows_webhook_hash')
      .unique()
      .on('workflows')
      .column('webhook_token_hash')
      .execute();
    const rows = await sql<{ id: string; webhook_token: string }>`
      SELECT id, webhook_token FROM workflows WHERE webhook_token IS NOT NULL`.execute(db);
    // Bounded crash retries and a run timeout that counts from the first claim (issue 12 item 2).
    await db.schema
      .alterTable('runs')
      .addColumn('crash_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('runs').addColumn('first_claimed_at', 'bigint').execute();
    for (const row of rows.rows) {
      const hash = hashWebhookToken(row.webhook_token);
      const hint = webhookTokenHint(row.webhook_token);
      await sql`UPDATE workflows SET webhook_token_hash = ${hash}, webhook_token_hint = ${hint},
        webhook_token = NULL WHERE id = ${row.id}`.execute(db);
    }
  },
};
