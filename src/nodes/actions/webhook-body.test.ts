import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, nodeFailure, runNode } from '../test-context.js';
import { createHttpClient, type HttpClient } from './http/index.js';
import { startServer, type TestServer } from './http/test-server.js';
import { webhook } from './webhook.js';

/** A server that echoes the content type and body it got, and answers XML on /xml. */
let server: TestServer;
let http: HttpClient;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/xml') {
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
      res.end(
        '<?xml version="1.0"?><order id="7"><item>cable</item><item>router</item><total>12.50</total></order>',
      );
      return;
    }
    if (req.url === '/bad-xml') {
      res.writeHead(502, { 'content-type': 'text/xml' });
      res.end('<error><code>upstream</code></error>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  http = createHttpClient({ allowedCidrs: '127.0.0.1/32' });
});
afterAll(async () => {
  await http.close();
  await server.close();
});

async function send(config: Record<string, unknown>) {
  await runNode(
    webhook,
    { method: 'POST', url: `${server.origin}/echo`, ...config },
    createTestContext({ http }),
  );
  const last = server.received.at(-1);
  return { contentType: last?.headers['content-type'], body: last?.body };
}

describe('webhook body types', () => {
  it('sends JSON by default, as before', async () => {
    expect(await send({ body: '{"n": 12345678901234567890}' })).toEqual({
      contentType: 'application/json',
      body: '{"n": 12345678901234567890}',
    });
  });

  it('URL-encodes a form, repeating array fields', async () => {
    expect(
      await send({ body_type: 'form', body: '{"name": "Ada Lovelace", "tag": ["a&b", "c"], "n": 3}' }),
    ).toEqual({
      contentType: 'application/x-www-form-urlencoded',
      body: 'name=Ada+Lovelace&tag=a%26b&tag=c&n=3',
    });
  });

  it('sends multipart form-data fields with a boundary', async () => {
    const { contentType, body } = await send({ body_type: 'multipart', body: { site: 'HQ', count: 2 } });
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(contentType ?? '')?.[1];
    expect(boundary).toBeDefined();
    expect(body).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="site"\r\n\r\nHQ\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="count"\r\n\r\n2\r\n--${boundary}--\r\n`,
    );
  });

  it('sends text and XML as written, and refuses malformed XML before sending', async () => {
    expect(await send({ body_type: 'text', body: 'plain {words}' })).toEqual({
      contentType: 'text/plain; charset=utf-8',
      body: 'plain {words}',
    });
    expect(await send({ body_type: 'xml', body: '<ping site="HQ"/>' })).toEqual({
      contentType: 'application/xml; charset=utf-8',
      body: '<ping site="HQ"/>',
    });
    const before = server.received.length;
    await expect(send({ body_type: 'xml', body: '<ping>' })).rejects.toMatchObject({
      code: 'node_config_invalid',
    });
    await expect(send({ body_type: 'form', body: '[1, 2]' })).rejects.toThrow(
      'A form body must be a JSON object of field names to values.',
    );
    expect(server.received.length).toBe(before);
  });

  it('keeps a content-type header the workflow set', async () => {
    const sent = await send({
      body_type: 'xml',
      body: '<a/>',
      headers: { 'Content-Type': 'application/soap+xml' },
    });
    expect(sent.contentType).toBe('application/soap+xml');
  });

  it('parses XML answers, also into the error details of a failed call', async () => {
    const outcome = await runNode(
      webhook,
      { method: 'GET', url: `${server.origin}/xml` },
      createTestContext({ http }),
    );
    expect((outcome as { output: { body: unknown } }).output.body).toEqual({
      '?xml': { '@_version': '1.0' },
      order: { '@_id': '7', item: ['cable', 'router'], total: '12.50' },
    });
    const error = await nodeFailure(
      runNode(webhook, { method: 'GET', url: `${server.origin}/bad-xml` }, createTestContext({ http })),
    );
    expect(error.message).toBe('Webhook request failed: 502 Bad Gateway');
    expect(error.details).toMatchObject({ status: 502, body: { error: { code: 'upstream' } } });
  });
});
