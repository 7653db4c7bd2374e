import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpsTestServer, sendJson, startHttpsServer } from '../src/nodes/actions/http/test-https.js';
import { databaseFiles, formsIn, secretForms } from './helpers/canary.js';
import {
  type CallOptions,
  type CallResult,
  PUBLIC_URL,
  startTestServer,
  type TestServer,
} from './helpers/server.js';
import { createWorkflow, edge, node, waitForRun } from './helpers/workflows.js';

/**
 * The secret canary (see secret-canary.test.ts) for the platform nodes: a RouterOS password from the vault
 * (mikrotik_api, Basic auth) and the delegated token of an authorization (altostrat_api, bearer) travel to a
 * server that echoes every header and body back, down an error path and into a failing call. Afterwards the
 * database, the process log and every API response are searched for both: there must be no hit.
 */

const PASSWORD = `pw-${randomBytes(10).toString('hex')}/+= &`;

let dir: string;
let logFile: string;
let t: TestServer;
let echo: HttpsTestServer;
const responses: CallResult[] = [];

async function call(method: string, path: string, options?: CallOptions) {
  const res = await t.call(method, path, options);
  responses.push(res);
  return res;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stratoflow-canary-platform-'));
  logFile = join(dir, 'process.log');
  echo = await startHttpsServer((req, res) =>
    sendJson(res, req.url.includes('fail') ? 500 : 200, {
      body: req.body,
      url: req.url,
      headers: req.headers,
    }),
  );
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, echo.certificate.cert);
  const logger = pino({ level: 'trace' }, pino.destination({ dest: logFile, sync: true }));
  t = await startTestServer(
    {
      httpAllowedCidrs: '127.0.0.0/8',
      dataDir: join(dir, 'data'),
      logLevel: 'trace',
      platformApiUrl: echo.origin,
      platformApiCaFile: caFile,
    },
    {},
    { logger },
  );
});

afterAll(async () => {
  await echo.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('secret canary: platform nodes', () => {
  it('never lets the router password or the delegated token reach the database, the log or the API', async () => {
    expect(
      (await call('POST', '/workflows/vault', { body: { name: 'router_pw', secret: PASSWORD } })).status,
    ).toBe(201);
    const link = await call('POST', '/workflows/authorization');
    const token = await t.token('org_a', 'usr_canary');
    const confirmed = await t.call('POST', link.body.url.slice(PUBLIC_URL.length), { token });
    expect(confirmed.status).toBe(200);

    const host = echo.origin.slice('https://'.length);
    const router = {
      host,
      username: 'admin',
      password: '{{ vault.router_pw }}',
      tls_fingerprint: echo.certificate.fingerprint256,
    };
    const wf = await createWorkflow(t, {
      authorization_id: confirmed.body.id,
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'altostrat_api', { method: 'POST', endpoint: '/echo', body: '{"hello": "platform"}' }),
        node('n3', 'mikrotik_api', { ...router, method: 'GET', path: '/system/identity' }),
        node('n4', 'mikrotik_api', {
          ...router,
          method: 'PUT',
          path: '/fail',
          body: '{"pw": "{{ vault.router_pw }}"}',
          continue_on_error: true,
        }),
        node('n5', 'text_transform', {
          template:
            'n2 {{ n2.body | json }} n3 {{ n3.body | json }} raw {{ vault.router_pw }} b64 {{ vault.router_pw | base64_encode }}',
        }),
        node('n6', 'altostrat_api', {
          method: 'POST',
          endpoint: '/fail-hard',
          body: '{"why": {{ n5.text | json }}}',
        }),
      ],
      edges: [
        edge('n1', 'n2'),
        edge('n2', 'n3'),
        edge('n3', 'n4'),
        edge('n4', 'n5', 'error'),
        edge('n5', 'n6'),
      ],
    });
    const started = await call('POST', `/workflows/${wf.id}/execute`, { body: { context: {} } });
    const run = await waitForRun(t, started.body.id);
    expect(run.status).toBe('failed');
    expect(run.failed_node_id).toBe('n6');

    // The secrets really travelled to the echo server.
    const seen = echo.received.map((r) => JSON.stringify(r)).join('\n');
    expect(seen).toContain(`Bearer ${token}`);
    expect(seen).toContain(Buffer.from(`admin:${PASSWORD}`).toString('base64'));
    expect(seen).toContain(JSON.stringify(PASSWORD).slice(1, -1));

    const forms = {
      ...secretForms('password', PASSWORD),
      ...secretForms('token', token),
      'basic credentials': Buffer.from(`admin:${PASSWORD}`).toString('base64'),
    };
    const detail = await call('GET', `/workflows/runs/${run.id}`);
    expect(detail.text).toContain('[REDACTED]');
    await call('GET', `/workflows/${wf.id}/logs`);
    await call('GET', '/workflows/logs/recent');
    await call('POST', '/workflows/test-node', {
      body: { node: node('n3', 'mikrotik_api', { ...router, method: 'GET', path: '/system/identity' }) },
    });
    for (const res of responses) expect(formsIn(res.text, forms), res.text.slice(0, 200)).toEqual([]);
    for (const file of databaseFiles(join(dir, 'data')))
      expect(formsIn(readFileSync(file), forms), file).toEqual([]);

    await t.close();
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('stratoflow listening');
    expect(formsIn(log, forms), 'process log').toEqual([]);
    for (const file of databaseFiles(join(dir, 'data')))
      expect(formsIn(readFileSync(file), forms), file).toEqual([]);
  });
});
