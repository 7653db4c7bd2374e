import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL, startTestServer, type TestServer } from './helpers/server.js';
import { node } from './helpers/workflows.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

const trigger = {
  id: 'n1',
  type: 'manual_trigger',
  position: { x: 0, y: 0 },
  data: { componentId: 'manual_trigger' },
};

function definition(extra: Record<string, unknown> = {}) {
  return { name: 'Onboarding', nodes: [trigger], edges: [], ...extra };
}

describe('workflows API', () => {
  it('creates, retrieves, lists, updates and deletes a workflow', async () => {
    const created = await t.call('POST', '/workflows', { body: definition({ description: 'd' }) });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^fl_[0-9a-z]{26}$/);
    expect(created.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(created.body).toMatchObject({
      name: 'Onboarding',
      description: 'd',
      is_active: true,
      schedule_type: 'manual',
      webhook_url: null,
      next_run_at: null,
    });
    expect(created.body.nodes).toHaveLength(1);

    const got = await t.call('GET', `/workflows/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.nodes[0].data.componentId).toBe('manual_trigger');

    const list = await t.call('GET', '/workflows');
    expect(list.status).toBe(200);
    expect(list.body.map((w: { id: string }) => w.id)).toContain(created.body.id);
    expect(list.body[0].nodes).toBeUndefined();

    const updated = await t.call('PUT', `/workflows/${created.body.id}`, { body: { is_active: false } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ is_active: false, name: 'Onboarding' });
    expect(updated.body.version_id).toBe(created.body.version_id);

    const deleted = await t.call('DELETE', `/workflows/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await t.call('GET', `/workflows/${created.body.id}`)).status).toBe(404);
  });

  it('gives a webhook workflow a secret webhook_url', async () => {
    const created = await t.call('POST', '/workflows', {
      body: definition({
        nodes: [
          {
            id: 'n1',
            type: 'webhook_trigger',
            position: { x: 0, y: 0 },
            data: { componentId: 'webhook_trigger' },
          },
        ],
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body.webhook_url).toMatch(
      new RegExp(`^${PUBLIC_URL}/workflows/webhooks/whsec_[0-9a-z]{26}$`),
    );
  });

  it('stores webhook tokens hashed: the URL is shown once, masked afterwards, recovered by rotating', async () => {
    const created = await t.call('POST', '/workflows', {
      body: definition({ nodes: [node('n1', 'webhook_trigger')] }),
    });
    const url: string = created.body.webhook_url;
    const token = url.split('/').pop() as string;
    const masked = `${PUBLIC_URL}/workflows/webhooks/whsec_****${token.slice(-4)}`;
    const got = await t.call('GET', `/workflows/${created.body.id}`);
    expect(got.body.webhook_url).toBe(masked);
    expect((await t.call('GET', '/workflows')).text).not.toContain(token);
    // The database holds only the SHA-256 of the token.
    const db = new Database(join(t.dataDir, 'stratoflow.db'), { readonly: true });
    const row = db.prepare('SELECT * FROM workflows WHERE id = ?').get(created.body.id) as Record<
      string,
      unknown
    >;
    db.close();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.webhook_token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const hit = async (path: string) => (await t.call('POST', path, { token: null, body: {} })).status;
    expect(await hit(new URL(url).pathname)).toBe(202);
    expect(await hit(new URL(masked).pathname)).toBe(404);

    const rotated = await t.call('POST', `/workflows/${created.body.id}/webhook/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.webhook_url).toMatch(/\/workflows\/webhooks\/whsec_[0-9a-z]{26}$/);
    expect(rotated.body.webhook_url).not.toBe(url);
    expect(await hit(new URL(url).pathname)).toBe(404);
    expect(await hit(new URL(rotated.body.webhook_url).pathname)).toBe(202);
    const manual = await t.call('POST', '/workflows', { body: definition() });
    const refused = await t.call('POST', `/workflows/${manual.body.id}/webhook/rotate`);
    expect(refused.status).toBe(422);
    expect(
      (await t.call('POST', `/workflows/${created.body.id}/webhook/rotate`, { org: 'org_b' })).status,
    ).toBe(404);
  });

  it('answers 401 without a token and 404 for another org', async () => {
    const noToken = await t.call('GET', '/workflows', { token: null });
    expect(noToken.status).toBe(401);
    expect(noToken.body).toMatchObject({ type: 'authentication_error', code: 'authentication_required' });
    const created = await t.call('POST', '/workflows', { body: definition() });
    const other = await t.call('GET', `/workflows/${created.body.id}`, { org: 'org_b' });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ type: 'not_found_error', code: 'resource_not_found' });
  });

  it('rejects invalid definitions with 422 and a param', async () => {
    const res = await t.call('POST', '/workflows', {
      body: definition({ nodes: [trigger, { ...trigger, id: 'n2' }] }),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'workflow_invalid', param: 'nodes' });
    expect(res.body.message).toMatch(/exactly one trigger/);
    const missing = await t.call('POST', '/workflows', { body: { nodes: [trigger], edges: [] } });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({
      code: 'parameter_missing',
      param: 'name',
      message: "The 'name' parameter is required for this request.",
    });
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await t.call('POST', '/workflows', { rawBody: '{"name": ' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_json');
  });
});
