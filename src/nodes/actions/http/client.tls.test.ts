import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.js';
import { HttpCertificateError } from './errors.js';
import { type HttpsTestServer, selfSignedCertificate, sendJson, startHttpsServer } from './test-https.js';
import { startServer, type TestServer } from './test-server.js';

const client = createHttpClient({ allowedCidrs: '127.0.0.0/8' });
let server: HttpsTestServer;
let plain: TestServer;

beforeAll(async () => {
  server = await startHttpsServer((req, res) => sendJson(res, 200, { path: req.url }));
  plain = await startServer((_req, res) => res.end('plain'));
});
afterAll(async () => {
  await client.close();
  await Promise.all([server.close(), plain.close()]);
});

function get(url: string, tls?: { ca?: string; pinnedSha256?: string }) {
  return client.request({ method: 'GET', url, headers: {}, timeoutMs: 5_000, ...(tls ? { tls } : {}) });
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('TLS trust', () => {
  it('refuses a self-signed certificate by default, before sending the request', async () => {
    const before = server.received.length;
    const error = await failure(get(`${server.origin}/x`));
    expect(error).toBeInstanceOf(HttpCertificateError);
    expect(error).toMatchObject({ code: 'http_certificate_rejected' });
    expect((error as Error).message).toMatch(/^TLS certificate rejected: self[- ]signed certificate/);
    expect(server.received.length).toBe(before);
  });

  it('trusts a certificate given as an extra CA', async () => {
    const response = await get(`${server.origin}/ca`, { ca: server.certificate.cert });
    expect(response).toMatchObject({ status: 200, body: { path: '/ca' } });
  });

  it.each([
    ['colon form', (f: string) => f],
    ['plain lower-case hex', (f: string) => f.replace(/:/g, '').toLowerCase()],
  ])('accepts the certificate whose SHA-256 is pinned (%s), instead of the CA chain', async (_name, form) => {
    const response = await get(`${server.origin}/pinned`, {
      pinnedSha256: form(server.certificate.fingerprint256),
    });
    expect(response).toMatchObject({ status: 200, body: { path: '/pinned' } });
  });

  it('refuses a certificate that does not match the pin, without sending anything', async () => {
    const before = server.received.length;
    const other = selfSignedCertificate().fingerprint256;
    const error = await failure(get(`${server.origin}/wrong`, { pinnedSha256: other }));
    expect(error).toBeInstanceOf(HttpCertificateError);
    expect((error as Error).message).toBe(
      'The TLS certificate of 127.0.0.1 does not match the pinned SHA-256 fingerprint',
    );
    expect(server.received.length).toBe(before);
  });

  it('refuses a pin over plain http and a malformed pin', async () => {
    const pin = server.certificate.fingerprint256;
    expect(await failure(get(`${plain.origin}/`, { pinnedSha256: pin }))).toMatchObject({
      message: 'A pinned certificate needs an https:// URL',
    });
    expect(await failure(get(`${server.origin}/`, { pinnedSha256: 'abc' }))).toMatchObject({
      code: 'http_certificate_rejected',
    });
  });

  it('still applies the address guard (at DNS resolution too) to a request with its own trust', async () => {
    const strict = createHttpClient({});
    const error = await failure(
      strict.request({
        method: 'GET',
        url: `${server.origin.replace('127.0.0.1', 'localhost')}/`,
        headers: {},
        timeoutMs: 5_000,
        tls: { pinnedSha256: server.certificate.fingerprint256 },
      }),
    );
    await strict.close();
    expect(error).toMatchObject({ code: 'http_destination_blocked' });
  });
});
