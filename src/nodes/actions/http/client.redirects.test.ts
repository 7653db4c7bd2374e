import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.js';
import { HttpRequestError } from './errors.js';
import { startServer, type TestServer } from './test-server.js';

const client = createHttpClient({ allowedCidrs: '127.0.0.0/8' });
let server: TestServer;
let other: TestServer;

function redirect(status: number, location: string) {
  return (res: ServerResponse) => {
    res.statusCode = status;
    res.setHeader('location', location);
    res.end('moved');
  };
}

beforeAll(async () => {
  other = await startServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        authorization: req.headers.authorization ?? null,
        cookie: req.headers.cookie ?? null,
      }),
    );
  });
  server = await startServer((req, res) => {
    const path = req.url.split('?')[0] ?? '';
    const code = /^\/(30[12378])$/.exec(path)?.[1];
    if (code !== undefined) return redirect(Number(code), '/final')(res);
    if (path === '/chain') return redirect(302, '/301')(res);
    if (path === '/relative/deep') return redirect(302, '../final')(res);
    if (path === '/loop') return redirect(302, '/loop')(res);
    if (path === '/bad-location') return redirect(302, 'http://[not-an-ip')(res);
    if (path === '/to-other') return redirect(307, `${other.origin}/`)(res);
    if (path === '/no-location') {
      res.statusCode = 302;
      return res.end('nowhere to go');
    }
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        method: req.method,
        body: req.body,
        contentType: req.headers['content-type'] ?? null,
      }),
    );
  });
});

afterAll(async () => {
  await client.close();
  await Promise.all([server.close(), other.close()]);
});

function call(
  path: string,
  method = 'GET',
  extra: { headers?: Record<string, string>; c?: typeof client } = {},
) {
  const sendsBody = method === 'POST' || method === 'PUT';
  return (extra.c ?? client).request({
    method,
    url: `${server.origin}${path}`,
    headers: { ...(sendsBody ? { 'content-type': 'application/json' } : {}), ...extra.headers },
    body: sendsBody ? '{"n":1}' : undefined,
    timeoutMs: 5_000,
  });
}

describe('redirects', () => {
  it('follows a chain of redirects to the final response', async () => {
    const response = await call('/chain');
    expect(response).toMatchObject({ status: 200, body: { method: 'GET' } });
  });

  it('resolves a relative Location against the current URL', async () => {
    expect((await call('/relative/deep')).status).toBe(200);
    expect(server.received.at(-1)?.url).toBe('/final');
  });

  it('switches a POST answered with 303 to a GET without body or content type', async () => {
    const response = await call('/303', 'POST');
    expect(response.body).toEqual({ method: 'GET', body: '', contentType: null });
  });

  it('switches 303 to GET for other methods too', async () => {
    expect((await call('/303', 'PUT')).body).toMatchObject({ method: 'GET', body: '' });
  });

  it.each([301, 302])('switches a POST answered with %i to a GET, as browsers do', async (status) => {
    expect((await call(`/${status}`, 'POST')).body).toEqual({ method: 'GET', body: '', contentType: null });
  });

  it.each([307, 308])('keeps method and body on %i', async (status) => {
    const response = await call(`/${status}`, 'POST');
    expect(response.body).toEqual({ method: 'POST', body: '{"n":1}', contentType: 'application/json' });
  });

  it('keeps PUT on 301', async () => {
    expect((await call('/301', 'PUT')).body).toMatchObject({ method: 'PUT', body: '{"n":1}' });
  });

  it('returns a redirect status without Location as the response', async () => {
    const response = await call('/no-location');
    expect(response).toMatchObject({ status: 302, statusText: 'Found', body: 'nowhere to go' });
  });

  it('fails clearly on an unparseable Location, and the connection stays usable', async () => {
    const error = await call('/bad-location').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(HttpRequestError);
    expect((error as Error).message).toBe('The server answered 302 with an invalid Location header');
    expect((await call('/final')).status).toBe(200);
  });

  it('drops credentials when the redirect leaves the origin', async () => {
    const headers = { authorization: 'Bearer s3cret', Cookie: 'session=1', 'x-keep': 'yes' };
    const response = await call('/to-other', 'GET', { headers });
    expect(response.body).toEqual({ authorization: null, cookie: null });
    expect(other.received.at(-1)?.headers['x-keep']).toBe('yes');
  });

  it('keeps credentials on a same-origin redirect', async () => {
    await call('/307', 'GET', { headers: { authorization: 'Bearer s3cret' } });
    expect(server.received.at(-1)?.headers.authorization).toBe('Bearer s3cret');
  });

  it('fails after maxRedirects (default 5), having made 6 requests', async () => {
    const before = server.received.length;
    const error = await call('/loop').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(HttpRequestError);
    expect(error).toMatchObject({ code: 'http_request_failed', message: 'Too many redirects (more than 5)' });
    expect(server.received.length - before).toBe(6);
  });

  it('honours a custom maxRedirects', async () => {
    const strict = createHttpClient({ allowedCidrs: '127.0.0.1', maxRedirects: 1 });
    await expect(call('/chain', 'GET', { c: strict })).rejects.toThrow('Too many redirects (more than 1)');
    await expect(call('/301', 'GET', { c: strict })).resolves.toMatchObject({ status: 200 });
    await strict.close();
  });
});
