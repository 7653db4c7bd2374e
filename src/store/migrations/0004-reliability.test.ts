import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from './index.js';

it('0004 replaces stored webhook tokens by their SHA-256 and last four characters', async () => {
  const raw = new Database(':memory:');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  await migrateTo(db, '0001-initial');
  const insert = raw.prepare(
    `INSERT INTO workflows (id, org_id, name, is_active, webhook_token, trigger_component, version_id, created_at, updated_at)
     VALUES (?, 'org_a', 'w', 1, ?, 'webhook_trigger', 'flv_1', 0, 0)`,
  );
  insert.run('fl_1', 'whsec_plaintexttoken0000000abcd');
  insert.run('fl_2', null);
  await migrateToLatest(db);
  const rows = raw.prepare('SELECT * FROM workflows ORDER BY id').all() as Record<string, unknown>[];
  expect(rows[0]).toMatchObject({
    webhook_token: null,
    webhook_token_hash: createHash('sha256').update('whsec_plaintexttoken0000000abcd').digest('hex'),
    webhook_token_hint: 'abcd',
  });
  expect(rows[1]).toMatchObject({ webhook_token: null, webhook_token_hash: null, webhook_token_hint: null });
  await db.destroy();
});
