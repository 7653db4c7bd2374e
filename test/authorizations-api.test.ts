import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecret } from '../src/vault/index.js';
import { loadMasterKey } from '../src/vault/master-key.js';
import { PUBLIC_URL, startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/** Spec #24–#26 plus the confirmation page, and what authorizations mean for workflows and runs. */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const AUTH_KEYS = ['created_at', 'id', 'provider', 'status', 'user_id'];

/** POST /workflows/authorization; returns the link path (`/authorize/<token>`) on this server. */
async function startAuthorization(org = 'org_a'): Promise<string> {
  const res = await t.call('POST', '/workflows/authorization', { org });
  expect(res.status).toBe(200);
  expect(Object.keys(res.body)).toEqual(['url']);
  expect(res.body.url.startsWith(`${PUBLIC_URL}/authorize/`)).toBe(true);
  return res.body.url.slice(PUBLIC_URL.length);
}

async function confirm(path: string, org = 'org_a', user = 'usr_confirmer') {
  const bearer = await t.token(org, user);
  return { bearer, res: await t.call('POST', path, { token: bearer }) };
}

/** A confirmed authorization of `org`, by `user`. */
async function activeAuthorization(org = 'org_a', user = 'usr_confirmer') {
  const { res, bearer } = await confirm(await startAuthorization(org), org, user);
  expect(res.status).toBe(200);
  return { id: res.body.id as string, bearer };
}

function authorizationRow(id: string): Record<string, unknown> {
  const db = new Database(join(t.dataDir, 'stratoflow.db'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM authorizations WHERE id = ?').get(id) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

const simpleWorkflow = (authorization_id?: string | null) => ({
  nodes: [node('n1', 'manual_trigger'), node('n2', 'text_transform', { template: 'ran' })],
  edges: [edge('n1', 'n2')],
  ...(authorization_id === undefined ? {} : { authorization_id }),
});

describe('authorizations', () => {
  it('creates a pending authorization and returns {url} of its confirmation page', async () => {
    const before = await t.call('GET', '/workflows/authorization', { org: 'org_fresh' });
    expect(before.status).toBe(200);
    expect(before.body).toEqual([]);
    await startAuthorization('org_fresh');
    const list = await t.call('GET', '/workflows/authorization', { org: 'org_fresh' });
    expect(list.body).toHaveLength(1);
    expect(Object.keys(list.body[0]).sort()).toEqual(AUTH_KEYS);
    expect(list.body[0]).toMatchObject({ user_id: null, provider: 'stratoflow', status: 'pending' });
    expect(list.body[0].id).toMatch(/^auth_[0-9a-z]{26}$/);
    expect(list.body[0].created_at).toMatch(/\.\d{6}Z$/);
  });

  it('serves the confirmation page as HTML with a strict policy and no referrer', async () => {
    const path = await startAuthorization();
    const res = await fetch(`${t.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'sha256-/);
    const html = await res.text();
    expect(html).toContain('org_a');
    expect(html).toContain('<form id="confirm">');
  });

  it('confirms with the user’s own bearer token: active, user_id = sub, token stored sealed', async () => {
    const path = await startAuthorization();
    const { res, bearer } = await confirm(path, 'org_a', 'usr_ada');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(AUTH_KEYS);
    expect(res.body).toMatchObject({ user_id: 'usr_ada', provider: 'stratoflow', status: 'active' });

    const list = await t.call('GET', '/workflows/authorization');
    expect(list.body.find((a: { id: string }) => a.id === res.body.id)).toEqual(res.body);
    expect(list.text).not.toContain(bearer);

    const row = authorizationRow(res.body.id);
    expect(row.confirm_token_hash).toBeNull();
    expect(String(row.sealed_token)).not.toContain(bearer);
    const sealed = JSON.parse(row.sealed_token as string);
    const masterKey = loadMasterKey({ dataDir: t.dataDir });
    expect(openSecret(masterKey, sealed, `org_a:${res.body.id}`)).toBe(bearer);
    const dbBytes = Buffer.concat([
      readFileSync(join(t.dataDir, 'stratoflow.db')),
      readFileSync(join(t.dataDir, 'stratoflow.db-wal')),
    ]);
    expect(dbBytes.includes(bearer)).toBe(false);
  });

  it('works once: the link is dead after confirmation (POST 404, page 404)', async () => {
    const path = await startAuthorization();
    expect((await confirm(path)).res.status).toBe(200);
    const again = await confirm(path, 'org_a', 'usr_other');
    expect(again.res.status).toBe(404);
    expect(again.res.body.code).toBe('authorization_link_invalid');
    const page = await fetch(`${t.url}${path}`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('unknown, already used or expired');
  });

  it('refuses a confirmation without a valid bearer token (401) or from another org (403)', async () => {
    const path = await startAuthorization();
    expect((await t.call('POST', path, { token: null })).status).toBe(401);
    expect((await t.call('POST', path, { token: 'garbage' })).status).toBe(401);
    const foreign = await confirm(path, 'org_b', 'usr_mallory');
    expect(foreign.res.status).toBe(403);
    expect(foreign.res.body.code).toBe('authorization_org_mismatch');
    // Still pending and still confirmable by its own org.
    expect((await confirm(path)).res.status).toBe(200);
  });

  it('answers 404 for unknown or malformed link tokens', async () => {
    for (const token of ['A'.repeat(43), 'short', 'x'.repeat(90)]) {
      expect((await confirm(`/authorize/${token}`)).res.status).toBe(404);
      expect((await fetch(`${t.url}/authorize/${token}`)).status).toBe(404);
    }
  });

  it('deletes an authorization (204); 404 after, and for another org', async () => {
    const { id } = await activeAuthorization();
    expect((await t.call('DELETE', `/workflows/authorization/${id}`, { org: 'org_b' })).status).toBe(404);
    const del = await t.call('DELETE', `/workflows/authorization/${id}`);
    expect(del.status).toBe(204);
    expect((await t.call('DELETE', `/workflows/authorization/${id}`)).status).toBe(404);
    const list = await t.call('GET', '/workflows/authorization');
    expect(list.body.map((a: { id: string }) => a.id)).not.toContain(id);
  });

  it('lists only the caller’s organization', async () => {
    const { id } = await activeAuthorization('org_b', 'usr_b');
    const mine = await t.call('GET', '/workflows/authorization');
    expect(mine.body.map((a: { id: string }) => a.id)).not.toContain(id);
    const theirs = await t.call('GET', '/workflows/authorization', { org: 'org_b' });
    expect(theirs.body.map((a: { id: string }) => a.id)).toContain(id);
  });

  it('answers 401 on every endpoint without a valid bearer token', async () => {
    const { id } = await activeAuthorization();
    for (const [method, path] of [
      ['GET', '/workflows/authorization'],
      ['POST', '/workflows/authorization'],
      ['DELETE', `/workflows/authorization/${id}`],
    ] as const) {
      expect((await t.call(method, path, { token: null })).status, `${method} ${path}`).toBe(401);
      expect((await t.call(method, path, { token: 'nope' })).status, `${method} ${path}`).toBe(401);
    }
  });
});

describe('workflows and their authorization', () => {
  it("accepts the org's own authorization_id (201) and refuses another org's (422)", async () => {
    const own = await activeAuthorization();
    const foreign = await activeAuthorization('org_b', 'usr_b');
    const ok = await t.call('POST', '/workflows', { body: { name: 'own', ...simpleWorkflow(own.id) } });
    expect(ok.status).toBe(201);
    expect(ok.body.authorization_id).toBe(own.id);
    const bad = await t.call('POST', '/workflows', {
      body: { name: 'foreign', ...simpleWorkflow(foreign.id) },
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'parameter_invalid', param: 'authorization_id' });
    const put = await t.call('PUT', `/workflows/${ok.body.id}`, { body: { authorization_id: foreign.id } });
    expect(put.status).toBe(422);
    expect(put.body.param).toBe('authorization_id');
  });

  it('runs with an active authorization; after it is deleted, runs fail fast with a clear message', async () => {
    const { id } = await activeAuthorization();
    const wf = await createWorkflow(t, simpleWorkflow(id));
    const before = await executeAndWait(t, wf.id);
    expect(before.status).toBe('completed');

    expect((await t.call('DELETE', `/workflows/authorization/${id}`)).status).toBe(204);
    const after = await executeAndWait(t, wf.id);
    expect(after.status).toBe('failed');
    expect(after.error_message).toBe(
      `Authorization ${id} of this workflow was deleted, so the run cannot act on the user's behalf. Set another authorization_id on the workflow.`,
    );
    expect(after.logs).toEqual([]);

    // Pointing the workflow at another authorization (or none) makes it run again.
    const replacement = await activeAuthorization();
    await t.call('PUT', `/workflows/${wf.id}`, { body: { authorization_id: replacement.id } });
    expect((await executeAndWait(t, wf.id)).status).toBe('completed');
  });

  it('fails runs fast while the authorization is still pending', async () => {
    await startAuthorization();
    const pending = (await t.call('GET', '/workflows/authorization')).body.find(
      (a: { status: string }) => a.status === 'pending',
    );
    const wf = await createWorkflow(t, simpleWorkflow(pending.id));
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    expect(run.error_message).toContain(
      `Authorization ${pending.id} of this workflow has not been confirmed yet`,
    );
    expect(run.logs).toEqual([]);
  });
});
