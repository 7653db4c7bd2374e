import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.js';
import { HttpRequestError, HttpTimeoutError } from './errors.js';
import { startServer, type TestServer } from './test-server.js';

const CAP = 1_000;
const client = createHttpClient({ allowedCidrs: '127.0.0.0/8', maxResponseBytes: CAP });
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = req.url.split('?')[0];
    if (path === '/exact') return res.end('x'.repeat(CAP));
    if (path === '/big') {
      res.setHeader('content-length', CAP + 1); // also declared on HEAD, where no body follows
      return res.end(req.method === 'HEAD' ? undefined : 'x'.repeat(CAP + 1));
    }
    if (path === '/big-chunked') {
      // No Content-Length: the cap must hold while streaming.
      res.write('x'.repeat(CAP / 2));
      res.write('x'.repeat(CAP / 2));
      return res.end('x');
    }
    if (path === '/stall-body') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.write('partial');
    }
    const hopsLeft = /^\/slow-redirect\/(\d+)$/.exec(path ?? '')?.[1];
    if (hopsLeft !== undefined) {
      setTimeout(() => {
        if (hopsLeft === '0') return res.end('done');
        res.writeHead(302, { location: `/slow-redirect/${Number(hopsLeft) - 1}` }).end();
      }, 250);
      return;
    }
    if (path === '/slow') {
      setTimeout(() => res.end('late'), 150);
      return;
    }
    // '/never': accept the request, never answer.
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

function call(path: string, timeoutMs = 5_000, signal?: AbortSignal) {
  return client.request({ method: 'GET', url: `${server.origin}${path}`, headers: {}, timeoutMs, signal });
}

async function timed<T>(promise: Promise<T>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  return { error, ms: performance.now() - started };
}

describe('response size cap', () => {
  it('accepts a body exactly at the cap', async () => {
    expect((await call('/exact')).body).toBe('x'.repeat(CAP));
  });

  it.each(['/big', '/big-chunked'])('fails with a clear message when %s exceeds the cap', async (path) => {
    const error = await call(path).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(HttpRequestError);
    expect(error).toMatchObject({
      code: 'http_request_failed',
      message: `Response body is larger than the limit of ${CAP} bytes`,
    });
  });

  it('does not mistake the Content-Length of a HEAD answer for a body', async () => {
    const response = await client.request({
      method: 'HEAD',
      url: `${server.origin}/big`,
      headers: {},
      timeoutMs: 5_000,
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(CAP + 1));
    expect(response.body).toBeNull();
  });

  it('defaults to 10 MiB', async () => {
    const roomy = createHttpClient({ allowedCidrs: '127.0.0.0/8' });
    const response = await roomy.request({
      method: 'GET',
      url: `${server.origin}/big`,
      headers: {},
      timeoutMs: 5_000,
    });
    await roomy.close();
    expect((response.body as string).length).toBe(CAP + 1);
  });
});

describe('timeouts and aborts', () => {
  it('times out a server that never answers within the requested timeoutMs', async () => {
    const { error, ms } = await timed(call('/never', 300));
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect(error).toMatchObject({ code: 'http_request_failed', message: 'Request timed out after 300 ms' });
    expect(ms).toBeGreaterThanOrEqual(280);
    expect(ms).toBeLessThan(1_500);
  });

  it('times out a body that stops arriving', async () => {
    const { error, ms } = await timed(call('/stall-body', 300));
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect(ms).toBeLessThan(1_500);
  });

  it('applies timeoutMs to the whole redirect chain, not to each hop', async () => {
    // Every hop answers in 250 ms (well inside 500 ms), but four hops take 1 s.
    const { error, ms } = await timed(call('/slow-redirect/3', 500));
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect(error).toMatchObject({ message: 'Request timed out after 500 ms' });
    expect(ms).toBeLessThan(950);
  });

  it('does not time out a slow answer that arrives in time', async () => {
    expect((await call('/slow', 2_000)).body).toBe('late');
  });

  it("rejects with the caller's reason when the caller aborts", async () => {
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    setTimeout(() => controller.abort(reason), 100);
    const { error, ms } = await timed(call('/never', 5_000, controller.signal));
    expect(error).toBe(reason);
    expect(ms).toBeLessThan(1_500);
  });

  it('does not send anything when the signal is already aborted', async () => {
    const before = server.received.length;
    const reason = new Error('already cancelled');
    const error = await call('/exact', 5_000, AbortSignal.abort(reason)).catch((err: unknown) => err);
    expect(error).toBe(reason);
    expect(server.received.length).toBe(before);
  });
});

describe('transport failures', () => {
  it('reports a refused connection without the query string', async () => {
    const closed = await startServer(() => {});
    await closed.close();
    const error = await client
      .request({ method: 'GET', url: `${closed.origin}/x?token=secret`, headers: {}, timeoutMs: 5_000 })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(HttpRequestError);
    expect(error).toMatchObject({ code: 'http_request_failed', retryable: true });
    expect((error as Error).message).toContain(`ECONNREFUSED 127.0.0.1:${closed.port}`);
    expect((error as Error).message).not.toContain('secret');
  });
});
