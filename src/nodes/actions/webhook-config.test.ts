import { describe, expect, it } from 'vitest';
import type { HttpPort, HttpRequest } from '../contract.js';
import { createTestContext, runNode } from '../test-context.js';
import { webhook } from './webhook.js';
import { webhookConfig } from './webhook-config.js';

const base = { method: 'GET', url: 'https://api.example.com/x' };

/** A port answering every request with one canned response, recording what it was asked. */
function cannedPort(
  status: number,
  statusText: string,
  body: unknown = null,
): HttpPort & { seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  return {
    seen,
    request: (req) => {
      seen.push(req);
      return Promise.resolve({ status, statusText, headers: {}, body });
    },
  };
}

describe('webhook config', () => {
  it('upper-cases the method and defaults headers, body type and expected codes', () => {
    expect(webhookConfig.parse({ ...base, method: ' patch ' })).toEqual({
      method: 'PATCH',
      url: 'https://api.example.com/x',
      headers: {},
      body_type: 'json',
      expected_status_codes: [],
    });
  });

  it('reads header rows and maps into one lower-cased map, the last spelling winning', () => {
    const rows = [
      { key: 'X-A', value: '1' },
      { key: 'x-a', value: '2' },
      { key: ' ', value: 'blank row' },
    ];
    expect(webhookConfig.parse({ ...base, headers: rows }).headers).toEqual({ 'x-a': '2' });
    expect(webhookConfig.parse({ ...base, headers: { Accept: 'text/plain', 'X-N': 5 } }).headers).toEqual({
      accept: 'text/plain',
      'x-n': '5',
    });
  });

  it.each([
    ['a method', { method: 'TRACE' }],
    ['a relative URL', { url: '/relative' }],
    ['a non-http URL', { url: 'ftp://example.com/file' }],
    ['a header name with a space', { headers: [{ key: 'Bad Name', value: 'x' }] }],
    ['a header value with a line break', { headers: { 'X-A': 'a\r\nInjected: 1' } }],
    ['headers that are text', { headers: 'X-A: 1' }],
    ['a zero timeout', { timeout_seconds: 0 }],
    ['a non-numeric timeout', { timeout_seconds: 'soon' }],
    ['a status code out of range', { expected_status_codes: [700] }],
    ['a status code that is not a number', { expected_status_codes: '404, abc' }],
  ])('rejects %s', (_what, override) => {
    expect(webhookConfig.safeParse({ ...base, ...override }).success).toBe(false);
  });

  it('reads timeout_seconds and expected codes from template text; blank means default', () => {
    const config = webhookConfig.parse({
      ...base,
      timeout_seconds: '2.5',
      expected_status_codes: ' 404 ,409,',
    });
    expect(config).toMatchObject({ timeout_seconds: 2.5, expected_status_codes: [404, 409] });
    const blank = webhookConfig.parse({ ...base, timeout_seconds: '', expected_status_codes: '' });
    expect(blank).toMatchObject({ timeout_seconds: undefined, expected_status_codes: [] });
  });
});

describe('webhook against a canned port', () => {
  it('falls back to the standard reason phrase when the response has none', async () => {
    const ctx = createTestContext({ http: cannedPort(503, '') });
    await expect(runNode(webhook, base, ctx)).rejects.toThrow(
      /^Webhook request failed: 503 Service Unavailable$/,
    );
    const unknown = createTestContext({ http: cannedPort(599, '', '') });
    await expect(runNode(webhook, base, unknown)).rejects.toThrow(/^Webhook request failed: 599$/);
  });

  it('retries only what may succeed later: 5xx, 408 and 429', async () => {
    for (const [status, code] of [
      [500, 'http_request_failed'],
      [408, 'http_request_failed'],
      [429, 'http_request_failed'],
      [401, 'node_failed'],
      [302, 'node_failed'],
    ] as const) {
      const ctx = createTestContext({ http: cannedPort(status, 'Reason') });
      await expect(runNode(webhook, base, ctx)).rejects.toMatchObject({ code });
    }
  });

  it('asks for the default 30 s timeout, capped by the node limit, with the run signal', async () => {
    const port = cannedPort(204, 'No Content');
    const ctx = createTestContext({ http: port });
    expect(await runNode(webhook, base, ctx)).toEqual({ output: { status: 204, headers: {}, body: null } });
    expect(port.seen[0]).toMatchObject({ timeoutMs: 30_000, signal: ctx.signal });
    const tight = createTestContext({ http: port, limits: { ...ctx.limits, nodeTimeoutMs: 10_000 } });
    await runNode(webhook, base, tight);
    expect(port.seen[1]?.timeoutMs).toBe(10_000);
  });
});
