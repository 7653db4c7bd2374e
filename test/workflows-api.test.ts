import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL, startTestServer, type TestServer } from './helpers/server.js';

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
