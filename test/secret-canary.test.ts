import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallOptions, type CallResult, startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, node, waitForRun } from './helpers/workflows.js';

/**
 * The secret canary: one vault value travels in a header (by name and by vlt_ reference), a JSON body,
 * the query of a URL that fails, and down an error path into another failing call, against a server that
 * echoes everything back. Afterwards the database file and its WAL, the process log and every API
 * response are searched for the value, plain, base64 and URL-encoded: there must be no hit.
 */

const CANARY = `cnry-${randomBytes(12).toString('hex')}/+= &?%`;
const FORMS: Record<string, string> = {
  plain: CANARY,
  base64: Buffer.from(CANARY).toString('base64'),
  base64url: Buffer.from(CANARY).toString('base64url'),
  'url-encoded': encodeURIComponent(CANARY),
  'form-encoded': encodeURIComponent(CANARY).replace(/%20/g, '+'),
};

let dir: string;
let logFile: string;
let t: TestServer;
let echo: Server;
let echoUrl: string;
const seenByEcho: string[] = [];
const responses: CallResult[] = [];

/** t.call, keeping every response for the final search. */
async function call(method: string, path: string, options?: CallOptions) {
  const res = await t.call(method, path, options);
  responses.push(res);
  return res;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stratoflow-canary-'));
  logFile = join(dir, 'process.log');
  const logger = pino({ level: 'trace' }, pino.destination({ dest: logFile, sync: true }));
  t = await startTestServer(
    { httpAllowedCidrs: '127.0.0.0/8', dataDir: join(dir, 'data'), logLevel: 'trace' },
    {},
    { logger },
  );
  // Echoes body, URL and headers (the body first, so error excerpts show it); /fail... answers 500.
  echo = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const echoed = JSON.stringify({ body, url: req.url, headers: req.headers });
      seenByEcho.push(echoed);
      res.writeHead(req.url?.startsWith('/fail') ? 500 : 200, { 'content-type': 'application/json' });
      res.end(echoed);
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});

afterAll(async () => {
  echo.closeAllConnections();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

function hits(haystack: string | Buffer): string[] {
  return Object.entries(FORMS)
    .filter(([, form]) => haystack.includes(form))
    .map(([name]) => name);
}

describe('secret canary', () => {
  it('never lets a vault value reach the database, the process log or an API response', async () => {
    const item = await call('POST', '/workflows/vault', { body: { name: 'canary', secret: CANARY } });
    expect(item.status).toBe(201);
    const vltId: string = item.body.id;

    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        // A header by name, a header by vlt_ reference, and the JSON body.
        node('n2', 'webhook', {
          method: 'POST',
          url: `${echoUrl}/ok`,
          headers: [
            { key: 'X-Canary', value: '{{ vault.canary }}' },
            { key: 'Authorization', value: `Bearer ${vltId}` },
          ],
          body: '{"canary": "{{ vault.canary }}"}',
        }),
        // A failing URL carrying the value in its query; the error goes down the error path.
        node('n3', 'webhook', {
          method: 'GET',
          url: `${echoUrl}/fail?token={{ vault.canary | url_encode }}`,
          headers: { 'X-Ref': vltId },
          continue_on_error: true,
        }),
        node('n4', 'text_transform', {
          template:
            'n3 said: {{ n3.error }} | b64 {{ vault.canary | base64_encode }} | url {{ vault.canary | url_encode }} | raw {{ vault.canary }}',
        }),
        // The error path ends in another failure whose message echoes all of that back.
        node('n5', 'webhook', {
          method: 'POST',
          url: `${echoUrl}/fail-hard`,
          body: '{"why": {{ n4.text | json }}, "echo": {{ n2.body | json }}}',
        }),
      ],
      edges: [edge('n1', 'n2'), edge('n2', 'n3'), edge('n3', 'n4', 'error'), edge('n4', 'n5')],
    });
    const started = await call('POST', `/workflows/${wf.id}/execute`, { body: { context: {} } });
    expect(started.status).toBe(202);
    const runId: string = started.body.id ?? started.body.run_id ?? started.body.new_run?.id;
    await waitForRun(t, runId);

    // The value really travelled: the echo server saw it in every place it was put.
    const echoed = seenByEcho.join('\n');
    expect(echoed).toContain(CANARY);
    expect(echoed).toContain(encodeURIComponent(CANARY).replace(/%20/g, '+'));
    expect(echoed).toContain(FORMS.base64);
    expect(seenByEcho).toHaveLength(3);

    // Everything a client can read back.
    const run = await call('GET', `/workflows/runs/${runId}`);
    expect(run.body.status).toBe('failed');
    expect(run.body.failed_node_id).toBe('n5');
    expect(run.body.error_message).toBe('Webhook request failed: 500 Internal Server Error');
    // The echoed answer is in the failed node's error output, redacted.
    expect(run.body.logs[4]).toMatchObject({ status: 'error', output: { status: 500 } });
    expect(JSON.stringify(run.body.logs[4].output.body)).toContain('[REDACTED]');
    expect(run.body.logs.map((l: { node_id: string }) => l.node_id)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(run.body.logs[2]).toMatchObject({ status: 'error', output: { code: 'http_request_failed' } });
    expect(run.text).toContain('[REDACTED]');
    await call('GET', `/workflows/${wf.id}/executions`);
    await call('GET', `/workflows/${wf.id}/logs`);
    await call('GET', `/workflows/${wf.id}/logs?status=error`);
    await call('GET', '/workflows/logs/recent');
    await call('GET', `/workflows/${wf.id}`);
    await call('GET', '/workflows/vault');
    await call('GET', `/workflows/vault/${vltId}`);
    const rerun = await call('POST', `/workflows/runs/${runId}/rerun`);
    const rerunId: string = rerun.body.new_run?.id ?? rerun.body.id;
    if (rerunId) {
      await waitForRun(t, rerunId);
      await call('GET', `/workflows/runs/${rerunId}`);
    }

    for (const res of responses) {
      expect(hits(res.text), `API response: ${res.text.slice(0, 200)}`).toEqual([]);
    }

    // The database file and its write-ahead log, while the server runs.
    const dataDir = join(dir, 'data');
    const dbFiles = ['stratoflow.db', 'stratoflow.db-wal', 'stratoflow.db-shm'].map((f) => join(dataDir, f));
    expect(existsSync(dbFiles[1] as string)).toBe(true);
    for (const file of dbFiles.filter((f) => existsSync(f))) {
      expect(hits(readFileSync(file)), file).toEqual([]);
    }

    // The process log, written by pino at trace level.
    await t.close();
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('stratoflow listening');
    expect(hits(log), 'process log').toEqual([]);
    // After shutdown (checkpointed), the database file again.
    expect(hits(readFileSync(dbFiles[0] as string)), 'database after close').toEqual([]);
  });
});
