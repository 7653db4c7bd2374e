import { STATUS_CODES } from 'node:http';
import { StratoflowError } from '../../domain/errors.js';
import { jsonProblem } from '../../domain/json-problem.js';
import { nullRecord } from '../../domain/records.js';
import type { HttpResponse, NodeContext } from '../contract.js';
import { defineNode } from '../contract.js';
import {
  BODY_METHODS,
  DEFAULT_TIMEOUT_SECONDS,
  type WebhookConfig,
  webhookConfig,
} from './webhook-config.js';

const BODY_EXCERPT_CHARS = 200;

export const webhook = defineNode({
  componentId: 'webhook',
  kind: 'action',
  network: true,
  title: 'Webhook / API call',
  description:
    'Sends an HTTP request with optional headers and a JSON body, and outputs the status, headers and body.',
  config: webhookConfig,
  handles: [],
  run: async (ctx, config) => {
    // Header values may name a vault item literally (`Bearer vlt_...`); resolved only here, at send time.
    const headers = nullRecord<string>();
    for (const [name, value] of Object.entries(config.headers)) headers[name] = ctx.secrets.resolve(value);
    headers['idempotency-key'] ??= `${ctx.runId}.${ctx.nodeId}`;
    const body = BODY_METHODS.has(config.method) ? readBody(config.body) : undefined;
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await ctx.http.request({
      method: config.method,
      url: config.url,
      headers,
      ...(body === undefined ? {} : { body }),
      timeoutMs: timeoutMs(config, ctx),
      signal: ctx.signal,
    });
    const { status } = response;
    if ((status < 200 || status > 299) && !config.expected_status_codes.includes(status))
      throw failure(response, ctx.secrets.redact);
    return { output: { status, headers: response.headers, body: response.body } };
  },
});

/** The JSON text to send, or undefined when there is none; invalid JSON fails the node. */
function readBody(body: WebhookConfig['body']): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'string') return JSON.stringify(body);
  const text = body.trim();
  if (text === '') return undefined;
  try {
    JSON.parse(text);
  } catch (error) {
    throw new StratoflowError('node_config_invalid', `Invalid JSON body: ${jsonProblem(error, text)}`);
  }
  // Sent as written rather than re-serialised, so large integers keep every digit.
  return text;
}

function timeoutMs(config: WebhookConfig, ctx: NodeContext): number {
  const maxSeconds = ctx.limits.nodeTimeoutMs / 1000;
  const seconds = config.timeout_seconds ?? Math.min(DEFAULT_TIMEOUT_SECONDS, maxSeconds);
  if (seconds > maxSeconds) {
    throw new StratoflowError(
      'node_config_invalid',
      `timeout_seconds is ${seconds}, more than the node time limit of ${maxSeconds} seconds.`,
    );
  }
  return Math.round(seconds * 1000);
}

/**
 * `Webhook request failed: <status> <reason>`, plus ` — <first 200 characters of the body>` when there is
 * one. Server errors, 408 and 429 are retryable (`http_request_failed`); other statuses are not.
 */
function failure(response: HttpResponse, redact: (text: string) => string): StratoflowError {
  const reason = response.statusText || STATUS_CODES[response.status] || '';
  const excerpt = bodyExcerpt(response.body, redact);
  const message = `Webhook request failed: ${response.status}${reason ? ` ${reason}` : ''}${excerpt ? ` — ${excerpt}` : ''}`;
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  return new StratoflowError(retryable ? 'http_request_failed' : 'node_failed', message);
}

/** The start of the body, redacted before it is cut (a secret the server echoes never leaks in part). */
function bodyExcerpt(body: unknown, redact: (text: string) => string): string {
  if (body === undefined || body === null) return '';
  const text = redact((typeof body === 'string' ? body : JSON.stringify(body)).trim());
  return text.slice(0, BODY_EXCERPT_CHARS);
}
