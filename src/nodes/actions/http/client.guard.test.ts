import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.js';
import { HttpBlockedError } from './errors.js';
import { recordConnectAttempts, startServer, type TestServer } from './test-server.js';

const guarded = createHttpClient();
const loopbackOnly = createHttpClient({ allowedCidrs: '127.0.0.0/8' });
let server: TestServer;
let attempts: ReturnType<typeof recordConnectAttempts>;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const target = new URL(req.url, 'http://x').searchParams.get('to');
    if (target === null) {
      res.end('reached');
      return;
    }
    res.statusCode = 302;
    res.setHeader('location', target);
    res.end();
  });
});

afterAll(async () => {
  await Promise.all([guarded.close(), loopbackOnly.close()]);
  await server.close();
});

beforeEach(() => {
  attempts = recordConnectAttempts();
});

afterEach(() => {
  attempts.stop();
});

function get(client: typeof guarded, url: string) {
  return client.request({ method: 'GET', url, headers: {}, timeoutMs: 3_000 });
}

async function expectBlocked(promise: Promise<unknown>, destination: string) {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(HttpBlockedError);
  expect(error).toMatchObject({ code: 'http_destination_blocked', retryable: false });
  expect((error as Error).message).toContain(`${destination} `);
  expect((error as Error).message).toContain('a private or internal address');
  expect((error as Error).message).toContain('STRATOFLOW_HTTP_ALLOWED_CIDRS');
}

describe('the default client refuses internal destinations before connecting', () => {
  it('refuses 127.0.0.1 without opening a connection', async () => {
    await expectBlocked(get(guarded, `${server.origin}/`), 'Destination 127.0.0.1');
    expect(attempts.hostnames).toEqual([]);
    expect(server.connections()).toBe(0);
  });

  it('refuses localhost once DNS says it is loopback, before the socket connects', async () => {
    await expectBlocked(get(guarded, `http://localhost:${server.port}/`), 'Destination localhost');
    expect(
      await get(guarded, `http://localhost:${server.port}/`).catch((e: Error) => e.message),
    ).not.toContain('127.0.0.1');
    expect(server.connections()).toBe(0);
  });

  it.each([
    ['http://[::1]:9/', '::1'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://10.0.0.1/', '10.0.0.1'],
    ['http://192.168.0.1:8080/admin', '192.168.0.1'],
    ['http://100.64.0.1/', '100.64.0.1'],
    ['http://0.0.0.0:9/', '0.0.0.0'],
    ['http://[::ffff:127.0.0.1]:9/', '::ffff:7f00:1'],
    ['http://[fd00::1]/', 'fd00::1'],
    ['http://2130706433:9/', '127.0.0.1'],
    ['http://0x7f.1:9/', '127.0.0.1'],
    ['https://10.0.0.1/', '10.0.0.1'],
  ])('refuses %s', async (url, address) => {
    await expectBlocked(get(guarded, url), `Destination ${address}`);
    expect(attempts.hostnames).toEqual([]);
  });

  it.each(['ftp://example.com/file', 'file:///etc/passwd', 'gopher://example.com/'])(
    'refuses the non-http URL %s',
    async (url) => {
      const error = await get(guarded, url).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(HttpBlockedError);
      expect((error as Error).message).toMatch(/^Only http: and https: URLs can be requested, not [a-z]+:$/);
      expect(attempts.hostnames).toEqual([]);
    },
  );

  it('rejects an invalid URL without echoing it', async () => {
    const error = await get(guarded, 'not a url ?token=secret').catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'node_config_invalid' });
    expect((error as Error).message).not.toContain('secret');
  });

  it('refuses to build a client from an invalid allow list, naming the entry', () => {
    expect(() => createHttpClient({ allowedCidrs: '127.0.0.0/8,10.0.0.0/40' })).toThrow(
      'Invalid entry "10.0.0.0/40"',
    );
  });
});

describe('redirect hops are checked like the first request', () => {
  it('follows a redirect to an allowed address (and the connect recorder sees real connections)', async () => {
    const fresh = createHttpClient({ allowedCidrs: '127.0.0.1/32' });
    const target = encodeURIComponent(`${server.origin}/`);
    const response = await get(fresh, `${server.origin}/?to=${target}`);
    await fresh.close();
    expect(response.body).toBe('reached');
    expect(attempts.hostnames).toContain('127.0.0.1');
  });

  it('refuses a redirect from an allowed server to a private address', async () => {
    await expectBlocked(get(loopbackOnly, `${server.origin}/?to=http://10.1.2.3/`), 'Destination 10.1.2.3');
    expect(attempts.hostnames).not.toContain('10.1.2.3');
  });

  it('refuses a redirect to IPv6 loopback when only IPv4 loopback is allowed', async () => {
    const target = encodeURIComponent(`http://[::1]:${server.port}/`);
    await expectBlocked(get(loopbackOnly, `${server.origin}/?to=${target}`), 'Destination ::1');
    expect(attempts.hostnames).not.toContain('::1');
  });

  it('refuses a redirect to the metadata address via a relative-looking absolute URL', async () => {
    const target = encodeURIComponent('//169.254.169.254/latest/');
    await expectBlocked(get(loopbackOnly, `${server.origin}/?to=${target}`), 'Destination 169.254.169.254');
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const error = await get(loopbackOnly, `${server.origin}/?to=ftp://example.com/`).catch(
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(HttpBlockedError);
    expect((error as Error).message).toBe('Only http: and https: URLs can be requested, not ftp:');
  });
});
