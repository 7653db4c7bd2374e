import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashWorkflowApiKey } from '../src/vault/index.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** Spec #19–#23: the vault's HTTP API. Values go in and never come back out. */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const ITEM_KEYS = ['created_at', 'expires_at', 'id', 'name'];
const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();
let counter = 0;
const uniqueName = (prefix = 'item') => `${prefix}_${++counter}_${Date.now().toString(36)}`;

async function createItem(body: Record<string, unknown>, org = 'org_a') {
  const res = await t.call('POST', '/workflows/vault', { body, org });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.body;
}

function rawRow(id: string): Record<string, unknown> {
  const db = new Database(join(t.dataDir, 'stratoflow.db'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM vault_items WHERE id = ?').get(id) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

describe('vault items', () => {
  it('creates an item (201) and answers with metadata only, never the value', async () => {
    const expires = inOneDay();
    const res = await t.call('POST', '/workflows/vault', {
      body: { name: "My App's API Token", secret: 'sec_abc123def456', expires_at: expires },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(ITEM_KEYS);
    expect(res.body.id).toMatch(/^vlt_[0-9a-z]{26}$/);
    expect(res.body.name).toBe("My App's API Token");
    expect(res.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(res.body.expires_at).toBe(`${expires.slice(0, 23)}000Z`);
    expect(res.text).not.toContain('sec_abc123def456');
  });

  it('lists, retrieves, replaces and deletes an item; the value never appears', async () => {
    const created = await createItem({ name: uniqueName(), secret: 'first-value-1234' });
    expect(created.expires_at).toBeNull();

    const list = await t.call('GET', '/workflows/vault');
    expect(list.status).toBe(200);
    expect(list.body.find((i: { id: string }) => i.id === created.id)).toEqual(created);
    for (const item of list.body) expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);

    const got = await t.call('GET', `/workflows/vault/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created);

    const renamed = uniqueName('renamed');
    const put = await t.call('PUT', `/workflows/vault/${created.id}`, {
      body: { name: renamed, secret: 'second-value-5678', expires_at: null },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: created.id, name: renamed, created_at: created.created_at });
    expect(Object.keys(put.body).sort()).toEqual(ITEM_KEYS);

    for (const text of [list.text, got.text, put.text]) {
      expect(text).not.toContain('first-value-1234');
      expect(text).not.toContain('second-value-5678');
    }

    const del = await t.call('DELETE', `/workflows/vault/${created.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await t.call('GET', `/workflows/vault/${created.id}`)).status).toBe(404);
    expect((await t.call('DELETE', `/workflows/vault/${created.id}`)).status).toBe(404);
  });

  it('stores the value encrypted (AES-256-GCM envelope) under a master key file of mode 0600', async () => {
    const item = await createItem({ name: uniqueName(), secret: 'plaintext-never-stored-42' });
    const row = rawRow(item.id);
    expect(row.ciphertext).toEqual(expect.any(String));
    expect(Buffer.from(row.iv as string, 'base64')).toHaveLength(12);
    expect(Buffer.from(row.tag as string, 'base64')).toHaveLength(16);
    expect(row.key_id).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.stringify(row)).not.toContain('plaintext-never-stored-42');
    const keyFile = join(t.dataDir, 'master.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    const db = readFileSync(join(t.dataDir, 'stratoflow.db'));
    expect(db.includes(key)).toBe(false);
  });

  it('is also served at /vault (the older documented paths)', async () => {
    const created = await t.call('POST', '/vault', { body: { name: uniqueName(), secret: 'alias-value' } });
    expect(created.status).toBe(201);
    expect((await t.call('GET', `/vault/${created.body.id}`)).body).toEqual(created.body);
    expect((await t.call('GET', `/workflows/vault/${created.body.id}`)).body).toEqual(created.body);
    const list = await t.call('GET', '/vault');
    expect(list.body.map((i: { id: string }) => i.id)).toContain(created.body.id);
    expect((await t.call('DELETE', `/vault/${created.body.id}`)).status).toBe(204);
  });

  it('answers 401 on every endpoint without a valid bearer token', async () => {
    const item = await createItem({ name: uniqueName(), secret: 'x-value' });
    const calls: [string, string, unknown?][] = [
      ['GET', '/workflows/vault'],
      ['POST', '/workflows/vault', { name: 'abc', secret: 'x' }],
      ['GET', `/workflows/vault/${item.id}`],
      ['PUT', `/workflows/vault/${item.id}`, { name: 'abc', secret: 'x' }],
      ['DELETE', `/workflows/vault/${item.id}`],
      ['GET', '/vault'],
    ];
    for (const [method, path, body] of calls) {
      for (const token of [null, 'not-a-jwt']) {
        const res = await t.call(method, path, { token, ...(body ? { body } : {}) });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.body.type).toBe('authentication_error');
      }
    }
    expect((await t.call('GET', `/workflows/vault/${item.id}`)).status).toBe(200);
  });

  it("answers 404 for another organization's item (read, replace, delete) and leaves it alone", async () => {
    const item = await createItem({ name: uniqueName(), secret: 'org-a-value' });
    const other = { org: 'org_b' };
    expect((await t.call('GET', `/workflows/vault/${item.id}`, other)).status).toBe(404);
    const put = await t.call('PUT', `/workflows/vault/${item.id}`, {
      ...other,
      body: { name: 'stolen', secret: 'overwritten' },
    });
    expect(put.status).toBe(404);
    expect(put.body.code).toBe('resource_not_found');
    expect((await t.call('DELETE', `/workflows/vault/${item.id}`, other)).status).toBe(404);
    const list = await t.call('GET', '/workflows/vault', other);
    expect(list.body.map((i: { id: string }) => i.id)).not.toContain(item.id);
    expect((await t.call('GET', `/workflows/vault/${item.id}`)).body).toEqual(item);
  });

  describe('validation (422 with param)', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['a name of 2 characters', { name: 'ab', secret: 'x' }, 'name', 'parameter_invalid'],
      ['a name of 51 characters', { name: 'n'.repeat(51), secret: 'x' }, 'name', 'parameter_invalid'],
      ['a blank name', { name: '   ', secret: 'x' }, 'name', 'parameter_invalid'],
      ['no name', { secret: 'x' }, 'name', 'parameter_missing'],
      [
        'a secret of 2,001 characters',
        { name: 'abc_long', secret: 's'.repeat(2001) },
        'secret',
        'parameter_invalid',
      ],
      ['no secret', { name: 'abc_nosecret' }, 'secret', 'parameter_missing'],
      ['an empty secret', { name: 'abc_empty', secret: '' }, 'secret', 'parameter_missing'],
      [
        'an expiry in the past',
        { name: 'abc_past', secret: 'x', expires_at: '2020-01-01T00:00:00Z' },
        'expires_at',
        'parameter_invalid',
      ],
      [
        'an expiry that is not a date',
        { name: 'abc_date', secret: 'x', expires_at: 'tomorrow' },
        'expires_at',
        'parameter_invalid',
      ],
    ];

    it.each(cases)('POST rejects %s', async (_label, body, param, code) => {
      const res = await t.call('POST', '/workflows/vault', { body });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ type: 'invalid_request_error', code, param });
      expect(res.body.message.length).toBeGreaterThan(10);
    });

    it.each(cases)('PUT rejects %s', async (_label, body, param, code) => {
      const item = await createItem({ name: uniqueName(), secret: 'unchanged' });
      const res = await t.call('PUT', `/workflows/vault/${item.id}`, { body });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code, param });
      expect((await t.call('GET', `/workflows/vault/${item.id}`)).body).toEqual(item);
    });

    it('accepts names of exactly 3 and 50 characters and a secret of exactly 2,000', async () => {
      for (const name of [`a${counter++}`.padEnd(3, 'x').slice(0, 3), uniqueName().padEnd(50, 'x')]) {
        const res = await t.call('POST', '/workflows/vault', { body: { name, secret: 's'.repeat(2000) } });
        expect(res.status, name).toBe(201);
      }
    });

    it('says the expiry must be in the future', async () => {
      const res = await t.call('POST', '/workflows/vault', {
        body: { name: 'abc_past2', secret: 'x', expires_at: '2020-01-01T00:00:00Z' },
      });
      expect(res.body.message).toContain('must be in the future');
    });
  });

  describe('duplicate names (409)', () => {
    it('refuses a second item with the same name in the org, on create and on rename', async () => {
      const name = uniqueName('dup');
      const first = await createItem({ name, secret: 'one' });
      const again = await t.call('POST', '/workflows/vault', { body: { name, secret: 'two' } });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ type: 'conflict_error', code: 'vault_name_taken', param: 'name' });

      const second = await createItem({ name: uniqueName('dup'), secret: 'three' });
      const rename = await t.call('PUT', `/workflows/vault/${second.id}`, { body: { name, secret: 'four' } });
      expect(rename.status).toBe(409);
      expect(rename.body.code).toBe('vault_name_taken');
      expect((await t.call('GET', `/workflows/vault/${first.id}`)).body).toEqual(first);
    });

    it('allows the same name in another organization', async () => {
      const name = uniqueName('shared');
      await createItem({ name, secret: 'a' });
      const other = await t.call('POST', '/workflows/vault', { org: 'org_b', body: { name, secret: 'b' } });
      expect(other.status).toBe(201);
    });
  });

  describe('api-key: items', () => {
    it('mint a wfk_ key returned once as `secret`, stored only as a hash; a sent secret is refused', async () => {
      const name = uniqueName('api-key:partner');
      const refused = await t.call('POST', '/workflows/vault', {
        body: { name, secret: 'ignored-by-design' },
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'parameter_invalid',
        param: 'secret',
        message:
          "An 'api-key:' item's value is a workflow API key Stratoflow generates (returned once as `secret` in the answer): leave out 'secret'.",
      });
      const res = await t.call('POST', '/workflows/vault', { body: { name } });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual([...ITEM_KEYS, 'secret'].sort());
      const key: string = res.body.secret;
      expect(key).toMatch(/^wfk_[a-z2-7]{40}$/);

      const got = await t.call('GET', `/workflows/vault/${res.body.id}`);
      expect(Object.keys(got.body).sort()).toEqual(ITEM_KEYS);
      const list = await t.call('GET', '/workflows/vault');
      expect(list.text).not.toContain(key);

      const row = rawRow(res.body.id);
      expect(row.ciphertext).toBeNull();
      const dbBytes = readFileSync(join(t.dataDir, 'stratoflow.db'));
      const wal = readFileSync(join(t.dataDir, 'stratoflow.db-wal'));
      for (const bytes of [dbBytes, wal]) {
        expect(bytes.includes(key)).toBe(false);
        expect(bytes.includes('ignored-by-design')).toBe(false);
      }
      expect(await t.server.store.findApiKey(hashWorkflowApiKey(key))).toEqual({
        orgId: 'org_a',
        vaultId: res.body.id,
        expiresAt: null,
      });
    });

    it('keep their key when updated: renaming is allowed, setting a value is not', async () => {
      const created = await createItem({ name: uniqueName('api-key:ci') });
      const key: string = created.secret;
      const renamed = uniqueName('api-key:renamed');
      const ok = await t.call('PUT', `/workflows/vault/${created.id}`, { body: { name: renamed } });
      expect(ok.status).toBe(200);
      expect(ok.body).not.toHaveProperty('secret');
      expect((await t.server.store.findApiKey(hashWorkflowApiKey(key)))?.vaultId).toBe(created.id);

      const withSecret = await t.call('PUT', `/workflows/vault/${created.id}`, {
        body: { name: renamed, secret: 'wfk_chosen' },
      });
      expect(withSecret.status).toBe(422);
      expect(withSecret.body.param).toBe('secret');

      const dropPrefix = await t.call('PUT', `/workflows/vault/${created.id}`, {
        body: { name: uniqueName('plain'), secret: 'x' },
      });
      expect(dropPrefix.status).toBe(422);
      expect(dropPrefix.body.param).toBe('name');
    });

    it('cannot be made by renaming an ordinary item', async () => {
      const item = await createItem({ name: uniqueName(), secret: 'ordinary' });
      const res = await t.call('PUT', `/workflows/vault/${item.id}`, {
        body: { name: uniqueName('api-key:sneaky'), secret: 'x' },
      });
      expect(res.status).toBe(422);
      expect(res.body.param).toBe('name');
    });

    it('lose their key when deleted', async () => {
      const created = await createItem({ name: uniqueName('api-key:gone') });
      expect((await t.call('DELETE', `/workflows/vault/${created.id}`)).status).toBe(204);
      expect(await t.server.store.findApiKey(hashWorkflowApiKey(created.secret))).toBeNull();
    });
  });
});
