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

describe('webhook multipart with run files', () => {
  /** A server that parses what it receives with a real multipart parser (undici's FormData). */
  let parsing: { origin: string; close(): Promise<void> };
  const parsed: { name: string; value: string | { filename: string; type: string; bytes: Buffer } }[][] = [];
  const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x0d, 0x0a, 0x80, 0x7f]);
  const files = {
    save: () => Promise.reject(new Error('not used')),
    read: async (fileId: string) =>
      fileId === 'rf_report'
        ? {
            id: 'rf_report',
            runId: 'fl_run_x',
            name: 'report.pdf',
            contentType: 'application/pdf',
            size: pdf.length,
            content: pdf,
          }
        : null,
  };

  beforeAll(async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const form = await new Response(Buffer.concat(chunks), {
          headers: { 'content-type': req.headers['content-type'] ?? '' },
        }).formData();
        const entries = [];
        for (const [name, value] of form.entries()) {
          entries.push({
            name,
            value:
              typeof value === 'string'
                ? value
                : { filename: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) },
          });
        }
        parsed.push(entries);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    parsing = {
      origin: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  });
  afterAll(() => parsing.close());

  it('sends a run file as a file part with its bytes, filename and content type, next to text fields', async () => {
    const outcome = await runNode(
      webhook,
      {
        method: 'POST',
        url: `${parsing.origin}/upload`,
        body_type: 'multipart',
        body: {
          site: 'HQ',
          report: { kind: 'run_file', file_id: 'rf_report' },
          copy: { kind: 'run_file', file_id: 'rf_report', filename: 'renamed.pdf' },
        },
      },
      createTestContext({ http, files }),
    );
    expect((outcome as { output: { body: unknown } }).output.body).toEqual({ ok: true });
    expect(parsed.at(-1)).toEqual([
      { name: 'site', value: 'HQ' },
      { name: 'report', value: { filename: 'report.pdf', type: 'application/pdf', bytes: pdf } },
      { name: 'copy', value: { filename: 'renamed.pdf', type: 'application/pdf', bytes: pdf } },
    ]);
  });

  it('fails before sending when the run file does not exist, and refuses files in a form body', async () => {
    const before = parsed.length;
    const missing = await nodeFailure(
      runNode(
        webhook,
        {
          method: 'POST',
          url: `${parsing.origin}/upload`,
          body_type: 'multipart',
          body: '{"report": {"kind": "run_file", "file_id": "rf_nope"}}',
        },
        createTestContext({ http, files }),
      ),
    );
    expect(missing.code).toBe('node_config_invalid');
    expect(missing.message).toBe("Field 'report': run file 'rf_nope' does not exist in this organization.");
    const form = await nodeFailure(
      runNode(
        webhook,
        {
          method: 'POST',
          url: `${parsing.origin}/upload`,
          body_type: 'form',
          body: { report: { kind: 'run_file', file_id: 'rf_report' } },
        },
        createTestContext({ http, files }),
      ),
    );
    expect(form.message).toBe("Field 'report' is a run file: only a multipart body can carry files.");
    expect(parsed.length).toBe(before);
  });
});
