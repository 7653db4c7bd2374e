import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { normalizeFingerprint } from '../actions/http/index.js';
import { defineNode, type HttpResponse } from '../contract.js';
import { jsonText } from './platform-client.js';

/**
 * RouterOS v7's REST API (`https://<router>/rest/...`), with HTTP Basic credentials that should come from
 * the vault. TLS is always verified: by the public CAs, or, for the self-signed certificate a router ships
 * with, by its pinned SHA-256 fingerprint (then the CA chain is not consulted). Through the guarded client:
 * a router on a private network must be allowed with STRATOFLOW_HTTP_ALLOWED_CIDRS.
 */

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const DEFAULT_TIMEOUT_SECONDS = 30;

/** `router.example.com`, `192.0.2.1`, `[2001:db8::1]`, each optionally with `:port`; nothing else. */
const host = z
  .string()
  .trim()
  .refine((text) => {
    const url = URL.parse(`https://${text}`);
    if (url === null || text === '' || /[/?#@\\]/.test(text)) return false;
    const written = text.toLowerCase();
    return written === url.host || written === `${url.hostname}:443`;
  }, 'Expected a host name or IP address, optionally with :port (no scheme or path).');

const config = z.object({
  host,
  method: z.preprocess((m) => (typeof m === 'string' ? m.trim().toUpperCase() : m), z.enum(METHODS)),
  path: z
    .string()
    .trim()
    .regex(/^\/[^\s#]*$/, 'Expected a RouterOS path such as /ip/address or /interface/ether1.'),
  body: z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown()), z.null()]).optional(),
  username: z.string().min(1, 'Required.'),
  password: z.string().describe('Write {{ vault.<name> }} or a vlt_ id: resolved at send time and redacted'),
  tls_fingerprint: z
    .preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z
        .string()
        .refine(
          (f) => normalizeFingerprint(f) !== null,
          'Expected a SHA-256 fingerprint: 64 hex digits, colons allowed.',
        )
        .optional(),
    )
    .describe("The router certificate's SHA-256 fingerprint; when set it is trusted instead of the CA chain"),
  timeout_seconds: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number().positive().max(300).optional(),
  ),
});

const output = z.object({
  status: z.number().int(),
  body: z.unknown().describe('The parsed RouterOS answer (JSON), or null when empty'),
});

/** `/ip/address` or `/rest/ip/address`, as the request path under /rest. */
function restPath(path: string): string {
  return path === '/rest' || path.startsWith('/rest/') ? path : `/rest${path}`;
}

function failure(where: string, response: HttpResponse): StratoflowError {
  const reason = response.statusText || STATUS_CODES[response.status] || '';
  const detail = (response.body as { detail?: unknown } | null)?.detail;
  const what =
    response.status === 401
      ? 'rejected the username or password'
      : `answered ${response.status}${reason ? ` ${reason}` : ''}`;
  const message = `RouterOS ${where} ${what}${typeof detail === 'string' ? `: ${detail}` : ''}`;
  return new StratoflowError(response.status >= 500 ? 'http_request_failed' : 'node_failed', message);
}

export const mikrotikApi = defineNode({
  componentId: 'mikrotik_api',
  kind: 'action',
  title: 'MikroTik API',
  description:
    'Runs a command on a MikroTik router through the RouterOS v7 REST API (`https://<host>/rest<path>`) with Basic credentials from the vault, and outputs the parsed answer. TLS is verified; for a self-signed router certificate, pin its SHA-256 fingerprint in tls_fingerprint.',
  config,
  output,
  outputExample: { status: 200, body: [{ '.id': '*1', name: 'ether1', running: 'true' }] },
  handles: [],
  run: async (ctx, c) => {
    const password = ctx.secrets.resolve(c.password);
    const username = ctx.secrets.resolve(c.username);
    const credentials = `${username}:${password}`;
    ctx.secrets.register(password);
    ctx.secrets.register(credentials);
    const body = c.method === 'GET' || c.method === 'DELETE' ? undefined : jsonText(c.body);
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    const maxSeconds = ctx.limits.nodeTimeoutMs / 1000;
    const seconds = Math.min(c.timeout_seconds ?? DEFAULT_TIMEOUT_SECONDS, maxSeconds);
    let response: HttpResponse;
    try {
      response = await ctx.http.request({
        method: c.method,
        url: `https://${c.host}${restPath(c.path)}`,
        headers,
        ...(body === undefined ? {} : { body }),
        timeoutMs: Math.round(seconds * 1000),
        signal: ctx.signal,
        ...(c.tls_fingerprint ? { tls: { pinnedSha256: c.tls_fingerprint } } : {}),
      });
    } catch (error) {
      if (!(error instanceof StratoflowError)) throw error;
      throw new StratoflowError(error.code, `RouterOS ${c.host}: ${error.message}`);
    }
    if (response.status < 200 || response.status > 299) throw failure(c.host, response);
    return { output: { status: response.status, body: response.body } };
  },
});
