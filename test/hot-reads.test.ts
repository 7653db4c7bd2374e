import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, node, waitForRun } from './helpers/workflows.js';

/**
 * The embedded store answers a webhook's workflow, a synchronous call's workflow, a workflow's
 * authorization and a synchronous call's API key from memory (src/store/sqlite/hot-reads.ts). Every change
 * made through the API must show in the very next call: each test warms the cache with a call first, then
 * changes the workflow or the key.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const tokenOf = (workflow: { webhook_url: string }) => workflow.webhook_url.split('/').pop() as string;

async function deliver(token: string) {
  return t.call('POST', `/workflows/webhooks/${token}`, { token: null, body: { id: 'evt_1' } });
}

async function deliveredText(token: string): Promise<string> {
  const accepted = await deliver(token);
  expect(accepted.status).toBe(202);
  const run = await waitForRun(t, accepted.body.run_id);
  expect(run.status).toBe('completed');
  return run.logs[1].output.text;
}

function webhookDefinition(template: string) {
  return {
    nodes: [node('n1', 'webhook_trigger'), node('n2', 'text_transform', { template })],
    edges: [edge('n1', 'n2')],
  };
}

describe('a webhook after its workflow changes', () => {
  it('runs the new definition, stops while inactive, and follows a rotated token', async () => {
    const wf = await createWorkflow(t, webhookDefinition('first {{ n1.id }}'));
    const token = tokenOf(wf);
    expect(await deliveredText(token)).toBe('first evt_1');

    const edited = await t.call('PUT', `/workflows/${wf.id}`, {
      body: webhookDefinition('second {{ n1.id }}'),
    });
    expect(edited.status).toBe(200);
    expect(await deliveredText(token)).toBe('second evt_1');

    expect((await t.call('PUT', `/workflows/${wf.id}`, { body: { is_active: false } })).status).toBe(200);
    expect((await deliver(token)).status).toBe(404);
    expect((await t.call('PUT', `/workflows/${wf.id}`, { body: { is_active: true } })).status).toBe(200);
    expect(await deliveredText(token)).toBe('second evt_1');

    const rotated = await t.call('POST', `/workflows/${wf.id}/webhook/rotate`);
    expect(rotated.status).toBe(200);
    expect((await deliver(token)).status).toBe(404);
    const newToken = tokenOf(rotated.body);
    expect(await deliveredText(newToken)).toBe('second evt_1');

    expect((await t.call('DELETE', `/workflows/${wf.id}`)).status).toBe(204);
    expect((await deliver(newToken)).status).toBe(404);
  });
});

describe('a synchronous call after its workflow changes', () => {
  it('answers with the new definition, refuses while inactive, and 404s once deleted', async () => {
    const definition = (template: string) => ({
      nodes: [node('n1', 'sync_request_trigger'), node('n2', 'text_transform', { template })],
      edges: [edge('n1', 'n2')],
    });
    const wf = await createWorkflow(t, definition('{"v": 1}'));
    const call = () => t.call('POST', `/workflows/sync/${wf.id}`, { body: {} });
    expect((await call()).body).toEqual({ v: 1 });

    await t.call('PUT', `/workflows/${wf.id}`, { body: definition('{"v": 2}') });
    expect((await call()).body).toEqual({ v: 2 });

    await t.call('PUT', `/workflows/${wf.id}`, { body: { is_active: false } });
    const inactive = await call();
    expect(inactive.status).toBe(404);
    expect(inactive.body.code).toBe('workflow_inactive');

    await t.call('DELETE', `/workflows/${wf.id}`);
    const deleted = await call();
    expect(deleted.status).toBe(404);
    expect(deleted.body.code).toBe('resource_not_found');
  });
});

describe('a synchronous call after its API key changes', () => {
  it('stops being accepted once the key expires or its vault item is deleted', async () => {
    const wf = await createWorkflow(t, {
      nodes: [node('n1', 'sync_request_trigger'), node('n2', 'text_transform', { template: '{"ok": true}' })],
      edges: [edge('n1', 'n2')],
    });
    const mint = async () => {
      const name = `api-key:hot-${Date.now()}`;
      const item = await t.call('POST', '/workflows/vault', { body: { name } });
      expect(item.status).toBe(201);
      return { id: item.body.id as string, name, key: item.body.secret as string };
    };
    const call = (key: string) => t.call('POST', `/workflows/sync/${wf.id}`, { token: key, body: {} });

    const expiring = await mint();
    expect((await call(expiring.key)).status).toBe(200);
    const expiresAt = Date.now() + 1500;
    const updated = await t.call('PUT', `/workflows/vault/${expiring.id}`, {
      body: { name: expiring.name, expires_at: new Date(expiresAt).toISOString() },
    });
    expect(updated.status).toBe(200);
    expect((await call(expiring.key)).status).toBe(200);
    await sleep(expiresAt - Date.now() + 50);
    expect((await call(expiring.key)).status).toBe(401);

    const deleted = await mint();
    expect((await call(deleted.key)).status).toBe(200);
    expect((await t.call('DELETE', `/workflows/vault/${deleted.id}`)).status).toBe(204);
    expect((await call(deleted.key)).status).toBe(401);
  });
});
