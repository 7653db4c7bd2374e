import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HttpsTestServer,
  selfSignedCertificate,
  sendJson,
  startHttpsServer,
} from '../src/nodes/actions/http/test-https.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/**
 * mikrotik_api against a RouterOS stand-in: an HTTPS server with a self-signed certificate (as routers
 * ship) that checks the Basic credentials, method, path and body it receives.
 */

const PASSWORD = 'r0uter-pa55word-Xq9';
let t: TestServer;
let router: HttpsTestServer;
let port: string;

beforeAll(async () => {
  router = await startHttpsServer((req, res) => {
    const expected = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
    if (req.headers.authorization !== expected)
      return sendJson(res, 401, { error: 401, message: 'Unauthorized' });
    if (req.method === 'GET' && req.url === '/rest/ip/address')
      return sendJson(res, 200, [{ '.id': '*1', address: '192.0.2.1/24', interface: 'ether1' }]);
    if (req.method === 'PUT' && req.url === '/rest/ip/address')
      return sendJson(res, 201, { '.id': '*2', ...JSON.parse(req.body), echoed: req.headers.authorization });
    return sendJson(res, 400, { error: 400, message: 'Bad Request', detail: 'no such command' });
  });
  port = new URL(router.origin).port;
  t = await startTestServer({ httpAllowedCidrs: '127.0.0.0/8' });
  const item = await t.call('POST', '/workflows/vault', {
    body: { name: 'router_password', secret: PASSWORD },
  });
  expect(item.status).toBe(201);
});
afterAll(async () => {
  await t.close();
  await router.close();
});

async function runRouterNode(data: Record<string, unknown>) {
  const wf = await createWorkflow(t, {
    nodes: [
      node('n1', 'manual_trigger'),
      node('n2', 'mikrotik_api', {
        host: `127.0.0.1:${port}`,
        username: 'admin',
        password: '{{ vault.router_password }}',
        tls_fingerprint: router.certificate.fingerprint256,
        ...data,
      }),
    ],
    edges: [edge('n1', 'n2')],
  });
  const run = await executeAndWait(t, wf.id);
  const text = (await t.call('GET', `/workflows/runs/${run.id}`)).text;
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(Buffer.from(`admin:${PASSWORD}`).toString('base64'));
  return run;
}

describe('mikrotik_api', () => {
  it('reads over REST with Basic credentials from the vault, trusting the pinned certificate', async () => {
    const run = await runRouterNode({ method: 'GET', path: '/ip/address' });
    expect(run.status).toBe('completed');
    expect(run.logs[1].output).toEqual({
      status: 200,
      body: [{ '.id': '*1', address: '192.0.2.1/24', interface: 'ether1' }],
    });
    expect(router.received.at(-1)).toMatchObject({ method: 'GET', url: '/rest/ip/address', body: '' });
  });

  it('sends a JSON body, and the credentials never reach the run', async () => {
    const run = await runRouterNode({
      method: 'PUT',
      path: '/rest/ip/address',
      body: '{"address": "198.51.100.1/24", "interface": "ether2"}',
    });
    expect(run.status).toBe('completed');
    expect(router.received.at(-1)).toMatchObject({
      method: 'PUT',
      url: '/rest/ip/address',
      body: '{"address": "198.51.100.1/24", "interface": "ether2"}',
    });
    expect(router.received.at(-1)?.headers['content-type']).toBe('application/json');
    expect(run.logs[1].output.body).toMatchObject({ '.id': '*2', address: '198.51.100.1/24' });
    expect(run.logs[1].output.body.echoed).toMatch(/^Basic .*\[REDACTED\]/);
    expect(run.logs[1].input.password).toBe('[REDACTED]');
  });

  it('fails on a wrong pinned fingerprint without sending the request', async () => {
    const before = router.received.length;
    const run = await runRouterNode({
      method: 'GET',
      path: '/ip/address',
      tls_fingerprint: selfSignedCertificate().fingerprint256,
    });
    expect(run.status).toBe('failed');
    expect(run.error_message).toBe(
      `RouterOS 127.0.0.1:${port}: The TLS certificate of 127.0.0.1 does not match the pinned SHA-256 fingerprint`,
    );
    expect(run.logs[1].output.code).toBe('http_certificate_rejected');
    expect(router.received.length).toBe(before);
  });

  it('verifies the CA chain without a pin, so a self-signed router is refused', async () => {
    const run = await runRouterNode({ method: 'GET', path: '/ip/address', tls_fingerprint: '' });
    expect(run.status).toBe('failed');
    expect(run.error_message).toMatch(
      new RegExp(`^RouterOS 127\\.0\\.0\\.1:${port}: TLS certificate rejected: self[- ]signed certificate`),
    );
  });

  it('names the host and what failed: credentials, a RouterOS error, a blocked address', async () => {
    const denied = await runRouterNode({ method: 'GET', path: '/ip/address', password: 'wrong-password' });
    expect(denied.error_message).toBe(`RouterOS 127.0.0.1:${port} rejected the username or password`);
    const bad = await runRouterNode({ method: 'GET', path: '/nothing' });
    expect(bad.error_message).toBe(`RouterOS 127.0.0.1:${port} answered 400 Bad Request: no such command`);
    const guarded = await startTestServer();
    try {
      const wf = await createWorkflow(guarded, {
        nodes: [
          node('n1', 'manual_trigger'),
          node('n2', 'mikrotik_api', {
            host: '10.0.0.1',
            method: 'GET',
            path: '/ip/address',
            username: 'a',
            password: 'literal-pw',
          }),
        ],
        edges: [edge('n1', 'n2')],
      });
      const run = await executeAndWait(guarded, wf.id);
      expect(run.logs[1].output.code).toBe('http_destination_blocked');
      expect(run.error_message).toMatch(
        /^RouterOS 10\.0\.0\.1: Destination 10\.0\.0\.1 is a private or internal address/,
      );
    } finally {
      await guarded.close();
    }
  });

  it('is usable from POST /workflows/test-node', async () => {
    const res = await t.call('POST', '/workflows/test-node', {
      body: {
        node: node('n2', 'mikrotik_api', {
          host: `127.0.0.1:${port}`,
          method: 'GET',
          path: '/ip/address',
          username: 'admin',
          password: '{{ vault.router_password }}',
          tls_fingerprint: router.certificate.fingerprint256,
        }),
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({ status: 200, body: [{ '.id': '*1' }] });
  });
});
