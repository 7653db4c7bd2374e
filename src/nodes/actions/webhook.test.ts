import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, nodeFailure, runNode } from '../test-context.js';
import { createHttpClient, type HttpClient } from './http/index.js';
import { type ReceivedRequest, startServer, type TestServer } from './http/test-server.js';
import { webhook } from './webhook.js';

type Reply = (request: ReceivedRequest, res: ServerResponse) => void;

/** A loopback server whose reply each test sets; by default it echoes the request as JSON. */
const echo: Reply = (request, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'x-served-by': 'test' });
  res.end(
    JSON.stringify({ method: request.method, body: request.body === '' ? null : JSON.parse(request.body) }),
  );
};
let reply: Reply = echo;
let server: TestServer;
let received: ReceivedRequest[];
let origin = '';
let http: HttpClient;

beforeAll(async () => {
  server = await startServer((request, res) => reply(request, res));
  received = server.received;
  origin = server.origin;
  http = createHttpClient({ allowedCidrs: '127.0.0.0/8' });
});
afterEach(() => {
  reply = echo;
  received.length = 0;
});
afterAll(async () => {
  await http.close();
  await server.close();
});

const call = (raw: Record<string, unknown>) =>
  runNode(webhook, { url: `${origin}/hook`, ...raw }, createTestContext({ http }));

describe('webhook', () => {
  it('sends the JSON body and outputs status, headers and the parsed body', async () => {
    const outcome = await call({ method: 'post', body: '{"message":"Welcome!","count":2}' });
    expect(outcome).toEqual({
      output: {
        status: 200,
        headers: expect.objectContaining({ 'content-type': 'application/json', 'x-served-by': 'test' }),
        body: { method: 'POST', body: { message: 'Welcome!', count: 2 } },
      },
    });
    expect(received[0]).toMatchObject({ method: 'POST', url: '/hook' });
    expect(received[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends the body text as written, so large integers keep their digits', async () => {
    await call({ method: 'PUT', body: '{"id": 12345678901234567890}' });
    expect(received[0]?.body).toBe('{"id": 12345678901234567890}');
  });

  it('sends an object body as JSON', async () => {
    await call({ method: 'PATCH', body: { a: [1, 'x'] } });
    expect(received[0]?.body).toBe('{"a":[1,"x"]}');
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])('sends no body with %s, even an invalid one', async (method) => {
    await call({ method, body: '{not json' });
    expect(received[0]).toMatchObject({ method, body: '' });
    expect(received[0]?.headers['content-type']).toBeUndefined();
  });

  it('sends no body and no content-type when the body is blank', async () => {
    await call({ method: 'POST', body: '  ' });
    expect(received[0]).toMatchObject({ method: 'POST', body: '' });
    expect(received[0]?.headers['content-type']).toBeUndefined();
  });

  it('sends headers given as a list of key/value rows, skipping blank rows', async () => {
    await call({
      method: 'GET',
      headers: [
        { key: 'Authorization', value: 'Bearer abc' },
        { key: 'X-Count', value: 3 },
        { key: '', value: 'ignored' },
      ],
    });
    expect(received[0]?.headers).toMatchObject({ authorization: 'Bearer abc', 'x-count': '3' });
  });

  it('resolves literal vlt_ references in header values only, at send time', async () => {
    const secrets = {
      resolve: (text: string) => text.replace(/vlt_[0-9a-z]+/g, 'sk_resolved'),
      register: () => undefined,
      redact: (text: string) => text,
    };
    await runNode(
      webhook,
      {
        method: 'GET',
        url: `${origin}/hook`,
        headers: { Authorization: 'Bearer vlt_01abcdef', 'X-Id': 'vlt_01abcdef' },
      },
      createTestContext({ http, secrets }),
    );
    expect(received[0]?.headers).toMatchObject({
      authorization: 'Bearer sk_resolved',
      'x-id': 'sk_resolved',
    });
  });

  it('fails when a header names a vault item that cannot be resolved', async () => {
    const secrets = {
      resolve: () => {
        throw new Error('Vault item vlt_01missing does not exist in this organization.');
      },
      register: () => undefined,
      redact: (text: string) => text,
    };
    await expect(
      runNode(
        webhook,
        { method: 'GET', url: `${origin}/hook`, headers: { Authorization: 'Bearer vlt_01missing' } },
        createTestContext({ http, secrets }),
      ),
    ).rejects.toThrow(/vlt_01missing does not exist/);
    expect(received).toHaveLength(0);
  });

  it('sends headers given as a map, and a user content-type wins', async () => {
    await call({
      method: 'POST',
      headers: { 'X-Api-Key': 'k1', 'Content-Type': 'application/vnd.api+json' },
      body: '{}',
    });
    expect(received[0]?.headers).toMatchObject({
      'x-api-key': 'k1',
      'content-type': 'application/vnd.api+json',
    });
  });

  it('sends Idempotency-Key <runId>.<nodeId> unless the user set one', async () => {
    await call({ method: 'POST', body: '{}' });
    expect(received[0]?.headers['idempotency-key']).toBe('fl_run_test.n2');
    await call({ method: 'POST', body: '{}', headers: [{ key: 'Idempotency-Key', value: 'mine' }] });
    expect(received[1]?.headers['idempotency-key']).toBe('mine');
  });

  it('fails a 503 with exactly the documented message', async () => {
    reply = (_request, res) => {
      res.writeHead(503);
      res.end();
    };
    await expect(call({ method: 'GET' })).rejects.toMatchObject({
      code: 'http_request_failed',
      message: 'Webhook request failed: 503 Service Unavailable',
    });
  });

  it('keeps the message exact and puts the answer in the error details, with the standard reason phrase', async () => {
    reply = (_request, res) => {
      res.writeHead(422, '', { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'x'.repeat(300) }));
    };
    const error = await nodeFailure(call({ method: 'POST', body: '{}' }));
    expect(error.code).toBe('node_failed');
    expect(error.message).toBe('Webhook request failed: 422 Unprocessable Entity');
    expect(error.details).toMatchObject({ status: 422, body: { error: 'x'.repeat(300) } });
  });

  it('treats expected_status_codes as success, as a list or as text', async () => {
    reply = (_request, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"found":false}');
    };
    await expect(call({ method: 'GET' })).rejects.toThrow(/^Webhook request failed: 404 Not Found$/);
    for (const expected_status_codes of [[404], ['404'], '409, 404', '[404]']) {
      expect(await call({ method: 'GET', expected_status_codes })).toMatchObject({
        output: { status: 404, body: { found: false } },
      });
    }
  });

  it('fails on an invalid JSON body without sending anything', async () => {
    await expect(call({ method: 'POST', body: '{"a": }' })).rejects.toMatchObject({
      code: 'node_config_invalid',
      message: expect.stringMatching(/^Invalid JSON body: .+/),
    });
    expect(received).toHaveLength(0);
  });

  it('respects timeout_seconds', async () => {
    reply = (_request, res) => {
      setTimeout(() => res.writeHead(200).end('{}'), 400);
    };
    const started = Date.now();
    await expect(call({ method: 'GET', timeout_seconds: '0.1' })).rejects.toMatchObject({
      code: 'http_request_failed',
    });
    expect(Date.now() - started).toBeLessThan(380);
    expect(await call({ method: 'GET', timeout_seconds: 5 })).toMatchObject({ output: { status: 200 } });
  });

  it('refuses a timeout above the node time limit', async () => {
    await expect(call({ method: 'GET', timeout_seconds: 301 })).rejects.toMatchObject({
      code: 'node_config_invalid',
      message: 'timeout_seconds is 301, more than the node time limit of 300 seconds.',
    });
    expect(received).toHaveLength(0);
  });

  it('lets transport errors through with their codes', async () => {
    const blocked = createHttpClient();
    try {
      await expect(
        runNode(webhook, { method: 'GET', url: `${origin}/hook` }, createTestContext({ http: blocked })),
      ).rejects.toMatchObject({ code: 'http_destination_blocked' });
    } finally {
      await blocked.close();
    }
  });
});
