import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.js';
import { startServer, type TestServer } from './test-server.js';

const client = createHttpClient({ allowedCidrs: '127.0.0.0/8' });
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    switch (req.url.split('?')[0]) {
      case '/json':
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('x-reply', 'yes');
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.end(
          JSON.stringify({ method: req.method, url: req.url, sentHeader: req.headers['x-custom'] ?? null }),
        );
        return;
      case '/echo':
        res.setHeader('content-type', req.headers['content-type'] ?? 'text/plain');
        res.end(req.body);
        return;
      case '/text':
        res.setHeader('content-type', 'text/plain');
        res.end('{"looks":"like json"}');
        return;
      case '/untyped-json':
        res.end('[1,2,3]');
        return;
      case '/untyped-text':
        res.end('just words');
        return;
      case '/bad-json':
        res.setHeader('content-type', 'application/problem+json');
        res.end('{not json');
        return;
      case '/latin1':
        res.setHeader('content-type', 'text/plain; charset=iso-8859-1');
        res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
        return;
      case '/empty':
        res.statusCode = 204;
        res.end();
        return;
      case '/busy':
        res.statusCode = 503;
        res.setHeader('content-type', 'application/json');
        res.end('{"error":"down"}');
        return;
      case '/teapot':
        res.statusCode = 418;
        res.statusMessage = 'Short and stout';
        res.end();
        return;
      default:
        res.statusCode = 404;
        res.end('no route');
    }
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return client.request({
    method: init.method ?? 'GET',
    url: `${server.origin}${path}`,
    headers: init.headers ?? {},
    body: init.body,
    timeoutMs: 5_000,
  });
}

describe('createHttpClient against a loopback server', () => {
  it('GETs JSON, keeping the query string and sending request headers', async () => {
    const response = await call('/json?page=2&q=a%20b', { headers: { 'X-Custom': 'hello' } });
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.body).toEqual({ method: 'GET', url: '/json?page=2&q=a%20b', sentHeader: 'hello' });
  });

  it('flattens response headers: lower-case names, several values joined', async () => {
    const { headers } = await call('/json');
    expect(headers['x-reply']).toBe('yes');
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(headers['set-cookie']).toBe('a=1, b=2');
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('POSTs a JSON body and parses the JSON answer', async () => {
    const payload = JSON.stringify({ order: 42, items: ['a', 'b'] });
    const response = await call('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload,
    });
    expect(response.body).toEqual({ order: 42, items: ['a', 'b'] });
    const received = server.received.at(-1);
    expect(received?.method).toBe('POST');
    expect(received?.body).toBe(payload);
    expect(received?.headers['content-type']).toBe('application/json');
  });

  it('POSTs a text body and returns a text answer as a string', async () => {
    const response = await call('/echo', {
      method: 'post',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(response.body).toBe('hi');
    expect(server.received.at(-1)?.method).toBe('POST');
  });

  it('returns text for a non-JSON content type even when it would parse', async () => {
    expect((await call('/text')).body).toBe('{"looks":"like json"}');
  });

  it('parses a body without content type when it is JSON, and keeps it as text otherwise', async () => {
    expect((await call('/untyped-json')).body).toEqual([1, 2, 3]);
    expect((await call('/untyped-text')).body).toBe('just words');
  });

  it('returns a json-labelled body that does not parse as text', async () => {
    expect((await call('/bad-json')).body).toBe('{not json');
  });

  it('decodes text in the declared charset', async () => {
    expect((await call('/latin1')).body).toBe('café');
  });

  it('returns null for an empty body', async () => {
    const response = await call('/empty');
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('returns a 503 as a normal response with its status text and body', async () => {
    const response = await call('/busy');
    expect(response).toMatchObject({
      status: 503,
      statusText: 'Service Unavailable',
      body: { error: 'down' },
    });
  });

  it("keeps the server's own reason phrase", async () => {
    const response = await call('/teapot');
    expect(response.status).toBe(418);
    expect(response.statusText).toBe('Short and stout');
  });
});
