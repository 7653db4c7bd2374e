import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { startTarget, type Target } from './helpers/target.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/** Vault values inside runs: `{{ vault.<name> }}` in templates, `vlt_...` in webhook header values. */

let t: TestServer;
let target: Target;
/** Added to the real time: lets a test move the server's clock forward instead of sleeping. */
let clockOffset = 0;
beforeAll(async () => {
  t = await startTestServer(
    { httpAllowedCidrs: '127.0.0.0/8' },
    {},
    {
      clock: { now: () => Date.now() + clockOffset },
    },
  );
  target = await startTarget();
});
afterAll(async () => {
  await t.close();
  await target.close();
});

async function vaultItem(name: string, secret: string, expires_at: string | null = null) {
  const res = await t.call('POST', '/workflows/vault', { body: { name, secret, expires_at } });
  if (res.status !== 201) throw new Error(`vault create failed: ${res.status} ${res.text}`);
  return res.body as { id: string; name: string };
}

const REDACTED = '[REDACTED]';

describe('vault values in runs', () => {
  it('sends {{ vault.name }} in a header and the body, and a vlt_ header reference, to a real server', async () => {
    await vaultItem('stripe_key', 'sk_live_4f9a8b7c6d5e');
    const signing = await vaultItem('signing secret', 'whsig_0123456789abcdef');
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'webhook', {
          method: 'POST',
          url: `${target.url}/charge`,
          headers: [
            { key: 'Authorization', value: 'Bearer {{ vault.stripe_key }}' },
            { key: 'X-Signature', value: signing.id },
          ],
          body: '{"key": "{{ vault.stripe_key }}", "signed": "{{ vault[\'signing secret\'] }}"}',
        }),
        node('n3', 'text_transform', { template: 'sent {{ vault.stripe_key | upcase }}' }),
      ],
      edges: [edge('n1', 'n2'), edge('n2', 'n3')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('completed');

    const received = target.received.find((r) => r.path === '/charge');
    expect(received?.headers.authorization).toBe('Bearer sk_live_4f9a8b7c6d5e');
    expect(received?.headers['x-signature']).toBe('whsig_0123456789abcdef');
    expect(JSON.parse(received?.body ?? '{}')).toEqual({
      key: 'sk_live_4f9a8b7c6d5e',
      signed: 'whsig_0123456789abcdef',
    });

    // The run's record shows where secrets went, never what they were.
    const text = JSON.stringify(run);
    expect(text).not.toContain('sk_live_4f9a8b7c6d5e');
    expect(text).not.toContain('whsig_0123456789abcdef');
    const n2 = run.logs.find((l: { node_id: string }) => l.node_id === 'n2');
    expect(n2.input.headers).toEqual([
      { key: 'Authorization', value: `Bearer ${REDACTED}` },
      { key: 'X-Signature', value: signing.id },
    ]);
    const n3 = run.logs.find((l: { node_id: string }) => l.node_id === 'n3');
    expect(n3.output.text).toBe('sent SK_LIVE_4F9A8B7C6D5E'); // a transformed value is not the secret
  });

  it('fails the node with a clear message for an unknown vault name', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'text_transform', { template: '{{ vault.no_such_key }}' }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    expect(run.error_message).toBe(
      "Vault item 'no_such_key' does not exist in this organization. Create it, or correct the name.",
    );
    expect(run.logs[1].output).toMatchObject({ code: 'vault_item_not_found' });
  });

  it('fails the node for a vlt_ reference to another organization’s item', async () => {
    const foreign = await t.call('POST', '/workflows/vault', {
      org: 'org_b',
      body: { name: 'theirs', secret: 'org-b-secret-value' },
    });
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'webhook', {
          method: 'GET',
          url: `${target.url}/steal`,
          headers: { 'X-Key': foreign.body.id },
        }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    expect(run.error_message).toContain(`Vault item ${foreign.body.id} does not exist in this organization`);
    expect(target.count('/steal')).toBe(0);
  });

  it('makes workflows that use a deleted item fail', async () => {
    const item = await vaultItem('short_lived', 'value-of-short-lived');
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'text_transform', { template: '{{ vault.short_lived }}' }),
      ],
      edges: [edge('n1', 'n2')],
    });
    expect((await executeAndWait(t, wf.id)).status).toBe('completed');
    await t.call('DELETE', `/workflows/vault/${item.id}`);
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    expect(run.error_message).toContain("Vault item 'short_lived' does not exist");
  });

  it('fails the node that reads an expired item, naming the item and when it expired', async () => {
    const expiresAt = new Date(Date.now() + clockOffset + 60_000);
    await vaultItem('expiring_token', 'tok-expiring-123456', expiresAt.toISOString());
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'webhook', {
          method: 'GET',
          url: `${target.url}/expiring`,
          headers: { Authorization: 'Bearer {{ vault.expiring_token }}' },
        }),
      ],
      edges: [edge('n1', 'n2')],
    });
    expect((await executeAndWait(t, wf.id)).status).toBe('completed');
    expect(target.count('/expiring')).toBe(1);

    clockOffset += 120_000; // two minutes later
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    const at = `${expiresAt.toISOString().slice(0, 23)}000Z`;
    expect(run.error_message).toBe(
      `Vault item 'expiring_token' expired at ${at}. Update it with a new secret and expires_at.`,
    );
    expect(run.failed_node_id).toBe('n2');
    expect(run.logs[1].output).toMatchObject({ code: 'vault_item_expired' });
    expect(target.count('/expiring')).toBe(1);
    expect(JSON.stringify(run)).not.toContain('tok-expiring-123456');
  });

  it('fails the node for an expired item referenced as vlt_ in a header', async () => {
    const item = await vaultItem(
      'expiring_ref',
      'tok-ref-987654',
      new Date(Date.now() + clockOffset + 60_000).toISOString(),
    );
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'webhook', { method: 'GET', url: `${target.url}/ref`, headers: { 'X-Key': item.id } }),
      ],
      edges: [edge('n1', 'n2')],
    });
    clockOffset += 120_000;
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    expect(run.error_message).toMatch(/^Vault item 'expiring_ref' expired at /);
    expect(target.count('/ref')).toBe(0);
  });

  it('lets a minted wfk_ key call the synchronous API until its item expires or is deleted', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'sync_request_trigger'),
        node('n2', 'text_transform', { template: '{"hello": {{ payload.name | json }}}' }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const expires = new Date(Date.now() + clockOffset + 60_000).toISOString();
    const minted = await t.call('POST', '/workflows/vault', {
      body: { name: 'api-key:partner', expires_at: expires },
    });
    const key: string = minted.body.secret;
    const sync = (bearer: string) =>
      t.call('POST', `/workflows/sync/${wf.id}`, { token: bearer, body: { name: 'Ada' } });

    const ok = await sync(key);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ hello: 'Ada' });
    expect((await sync(key.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')))).status).toBe(401);
    // Another organization's workflow is not reachable with this org's key.
    const foreign = await t.call('POST', '/workflows', {
      org: 'org_b',
      body: {
        name: 'b',
        nodes: [node('n1', 'sync_request_trigger'), node('n2', 'text_transform', { template: 'b' })],
        edges: [edge('n1', 'n2')],
      },
    });
    expect(
      (await t.call('POST', `/workflows/sync/${foreign.body.id}`, { token: key, body: {} })).status,
    ).toBe(404);

    clockOffset += 120_000;
    expect((await sync(key)).status).toBe(401);

    const fresh = await t.call('POST', '/workflows/vault', { body: { name: 'api-key:fresh' } });
    expect((await sync(fresh.body.secret)).status).toBe(200);
    await t.call('DELETE', `/workflows/vault/${fresh.body.id}`);
    expect((await sync(fresh.body.secret)).status).toBe(401);
  });
});
