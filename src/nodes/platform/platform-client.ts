import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { BODY_METHODS } from '../actions/webhook-config.js';
import type { HttpResponse, NodeContext } from '../contract.js';

/**
 * Calls to the Altostrat platform API as the user who confirmed the workflow's authorization: base URL
 * from STRATOFLOW_PLATFORM_API_URL, `Authorization: Bearer <delegated token>`, through the guarded HTTP
 * client. Every platform node (the generic `altostrat_api` and its presets) goes through `callPlatform`.
 */

export interface PlatformRequest {
  method: string;
  /** Path below the base URL, starting with `/` (may carry its own query string). */
  endpoint: string;
  body?: unknown;
  query?: Record<string, string>;
}

export const platformOutput = z.object({
  status: z.number().int().describe('HTTP status of the answer (2xx; other statuses fail the node)'),
  body: z.unknown().describe('The parsed answer: JSON, or text'),
  headers: z.record(z.string(), z.string()).describe('Answer headers, lower-case names'),
});
export type PlatformOutput = z.output<typeof platformOutput>;

const PLATFORM_TIMEOUT_MS = 30_000;

/** A JSON string, object or array as request text; blank means none; invalid JSON fails the node. */
export function jsonText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'string') return JSON.stringify(body);
  if (body.trim() === '') return undefined;
  try {
    JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StratoflowError('node_config_invalid', `Invalid JSON body: ${reason}`);
  }
  return body;
}

function platformUrl(baseUrl: string, endpoint: string, query: Record<string, string> | undefined): string {
  const url = new URL(`${baseUrl}${endpoint}`);
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.append(name, value);
  return url.toString();
}

/** `Platform API request failed: <status> <reason>`; 5xx, 408 and 429 may be retried. */
function failure(response: HttpResponse, method: string, endpoint: string): StratoflowError {
  const reason = response.statusText || STATUS_CODES[response.status] || '';
  const path = endpoint.split('?')[0];
  const message = `Platform API request failed: ${method} ${path} answered ${response.status}${reason ? ` ${reason}` : ''}`;
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  return new StratoflowError(retryable ? 'http_request_failed' : 'platform_api_failed', message);
}

export async function callPlatform(ctx: NodeContext, request: PlatformRequest): Promise<PlatformOutput> {
  const { baseUrl, tls } = ctx.platform;
  if (!baseUrl) throw new StratoflowError('platform_api_unconfigured');
  const method = request.method.toUpperCase();
  const token = await ctx.delegation.token();
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    accept: 'application/json',
    'idempotency-key': `${ctx.runId}.${ctx.nodeId}`,
  };
  const body = BODY_METHODS.has(method) ? jsonText(request.body) : undefined;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await ctx.http.request({
    method,
    url: platformUrl(baseUrl, request.endpoint, request.query),
    headers,
    ...(body === undefined ? {} : { body }),
    timeoutMs: Math.min(PLATFORM_TIMEOUT_MS, ctx.limits.nodeTimeoutMs),
    signal: ctx.signal,
    ...(tls ? { tls } : {}),
  });
  if (response.status < 200 || response.status > 299) throw failure(response, method, request.endpoint);
  return { status: response.status, body: response.body, headers: response.headers };
}

/** One path segment from config (an id): trimmed, required, URL-encoded where it is used. */
export const pathSegment = z.string().trim().min(1, 'Required.');

export function segment(value: string): string {
  return encodeURIComponent(value);
}
