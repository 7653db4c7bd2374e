import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpsTestServer, sendJson, startHttpsServer } from '../src/nodes/actions/http/test-https.js';
import { PUBLIC_URL, startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/**
 * The delegated-user path end to end: a user confirms an authorization, a workflow naming it calls the
 * platform API (an HTTPS stub with a self-signed certificate the server trusts through
 * STRATOFLOW_PLATFORM_API_CA_FILE), and the stub sees that user's token. Deleting the authorization makes
 * the next run fail with a message that says so.
 */

let t: TestServer;
let platform: HttpsTestServer;
let dir: string;

beforeAll(async () => {
  platform = await startHttpsServer((req, res) => {
    if (!req.headers.authorization?.startsWith('Bearer ')) return sendJson(res, 401, { message: 'no token' });
    if (req.method === 'GET' && req.url.startsWith('/v1/sites/'))
      return sendJson(res, 200, { id: req.url.split('/')[3], name: 'HQ' });
    return sendJson(res, 201, { received: JSON.parse(req.body || 'null'), saw: req.headers.authorization });
  });
  dir = mkdtempSync(join(tmpdir(), 'stratoflow-platform-'));
  const caFile = join(dir, 'platform-ca.pem');
  writeFileSync(caFile, platform.certificate.cert);
  t = await startTestServer({
    httpAllowedCidrs: '127.0.0.0/8',
    platformApiUrl: `${platform.origin}/v1`,
    platformApiCaFile: caFile,
  });
});
afterAll(async () => {
  await t.close();
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Creates and confirms an authorization as `user`; returns its id and the user's bearer token. */
async function confirmedAuthorization(user: string) {
  const created = await t.call('POST', '/workflows/authorization');
  const path = (created.body.url as string).slice(PUBLIC_URL.length);
  const bearer = await t.token('org_a', user);
  const confirmed = await t.call('POST', path, { token: bearer });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body).toMatchObject({ status: 'active', user_id: user });
  return { id: confirmed.body.id as string, bearer };
}

const platformNodes = [
  node('n1', 'manual_trigger'),
  node('n2', 'altostrat_api', {
    method: 'POST',
    endpoint: '/sites/{{ n1.site }}/notes',
    body: '{"note": "{{ n1.note }}"}',
  }),
  node('n3', 'get_site', { site_id: '{{ n1.site }}' }),
];
const platformEdges = [edge('n1', 'n2'), edge('n2', 'n3')];

describe('altostrat_api as the delegated user', () => {
  it('sends the confirming user’s token; the token never shows in the run', async () => {
    const { id, bearer } = await confirmedAuthorization('usr_alice');
    const wf = await createWorkflow(t, { nodes: platformNodes, edges: platformEdges, authorization_id: id });
    const before = platform.received.length;
    const run = await executeAndWait(t, wf.id, { site: 'site_42', note: 'reboot planned' });
    expect(run.status).toBe('completed');

    const [note, site] = platform.received.slice(before);
    expect(note).toMatchObject({
      method: 'POST',
      url: '/v1/sites/site_42/notes',
      body: '{"note": "reboot planned"}',
    });
    expect(note?.headers.authorization).toBe(`Bearer ${bearer}`);
    expect(note?.headers['content-type']).toBe('application/json');
    expect(site).toMatchObject({ method: 'GET', url: '/v1/sites/site_42' });
    expect(site?.headers.authorization).toBe(`Bearer ${bearer}`);

    expect(run.logs[1].output).toMatchObject({ status: 201, body: { received: { note: 'reboot planned' } } });
    expect(run.logs[1].output.body.saw).toBe('Bearer [REDACTED]');
    expect(run.logs[2].output).toMatchObject({ status: 200, body: { id: 'site_42', name: 'HQ' } });
    const text = (await t.call('GET', `/workflows/runs/${run.id}`)).text;
    expect(text).not.toContain(bearer);
    expect(text).not.toContain(Buffer.from(bearer).toString('base64'));
  });

  it('fails the next run with a clear message once the authorization is deleted', async () => {
    const { id } = await confirmedAuthorization('usr_bob');
    const wf = await createWorkflow(t, { nodes: platformNodes, edges: platformEdges, authorization_id: id });
    expect((await executeAndWait(t, wf.id, { site: 's1', note: 'x' })).status).toBe('completed');
    expect((await t.call('DELETE', `/workflows/authorization/${id}`)).status).toBe(204);
    const before = platform.received.length;
    const run = await executeAndWait(t, wf.id, { site: 's1', note: 'x' });
    expect(run.status).toBe('failed');
    expect(run.error_message).toBe(
      `Authorization ${id} of this workflow was deleted, so the run cannot act on the user's behalf. Set another authorization_id on the workflow.`,
    );
    expect(platform.received.length).toBe(before);
  });

  it('fails the node with a clear message when the workflow names no authorization', async () => {
    const wf = await createWorkflow(t, { nodes: platformNodes, edges: platformEdges });
    const run = await executeAndWait(t, wf.id, { site: 's1', note: 'x' });
    expect(run.status).toBe('failed');
    expect(run.failed_node_id).toBe('n2');
    expect(run.error_message).toMatch(
      /^This workflow has no authorization, so it cannot call the platform API as a user/,
    );
    expect(run.logs[1].output).toMatchObject({ code: 'authorization_unavailable' });
  });

  it('runs from POST /workflows/test-node as the authorization named in the request', async () => {
    const { id, bearer } = await confirmedAuthorization('usr_carol');
    const body = {
      node: node('n3', 'get_site', { site_id: '{{ n1.site }}' }),
      context: { n1: { site: 's9' } },
    };
    const tested = await t.call('POST', '/workflows/test-node', { body: { ...body, authorization_id: id } });
    expect(tested.status).toBe(200);
    expect(tested.body.output).toMatchObject({ status: 200, body: { id: 's9' } });
    expect(platform.received.at(-1)?.headers.authorization).toBe(`Bearer ${bearer}`);
    const without = await t.call('POST', '/workflows/test-node', { body });
    expect(without.status).toBe(422);
    expect(without.body).toMatchObject({ code: 'node_test_failed' });
    expect(without.body.message).toMatch(/authorization_id/);
  });
});
