import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { nullRecord } from '../../domain/records.js';
import type { HttpResponse, NodeContext } from '../contract.js';
import { defineNode } from '../contract.js';
import { encodeBody, parseResponseBody } from './webhook-body.js';
import {
  BODY_METHODS,
  DEFAULT_TIMEOUT_SECONDS,
  type WebhookConfig,
  webhookConfig,
} from './webhook-config.js';

export const webhook = defineNode({
  componentId: 'webhook',
  kind: 'action',
  network: true,
  title: 'Webhook / API call',
  description:
    'Sends an HTTP request with optional headers and a JSON, form, multipart, text or XML body, and outputs the status, headers and body (JSON and XML answers parsed).',
  config: webhookConfig,
  output: z.object({
    status: z.number().int().describe('The HTTP status (2xx, or one of expected_status_codes)'),
    headers: z.record(z.string(), z.string()).describe('Response headers, lower-case names'),
    body: z.unknown().describe('The response body: parsed JSON or XML by its content type, else text'),
  }),
  outputExample: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: { ticket: 'INC-1042', state: 'open' },
  },
  handles: [],
  run: async (ctx, config) => {
    // Header values may name a vault item literally (`Bearer vlt_...`); resolved only here, at send time.
    const headers = nullRecord<string>();
    for (const [name, value] of Object.entries(config.headers)) headers[name] = ctx.secrets.resolve(value);
    headers['idempotency-key'] ??= `${ctx.runId}.${ctx.nodeId}`;
    const encoded = BODY_METHODS.has(config.method)
      ? await encodeBody(config.body, config.body_type, (fileId) => ctx.files.read(fileId))
      : null;
    if (encoded !== null) headers['content-type'] ??= encoded.contentType;
    const response = await ctx.http.request({
      method: config.method,
      url: config.url,
      headers,
      ...(encoded === null ? {} : { body: encoded.body }),
      timeoutMs: timeoutMs(config, ctx),
      signal: ctx.signal,
    });
    const { status } = response;
    const body = await parseResponseBody(response.body, response.headers['content-type']);
    if ((status < 200 || status > 299) && !config.expected_status_codes.includes(status))
      throw failure({ ...response, body });
    return { output: { status, headers: response.headers, body } };
  },
});

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
 * Exactly `Webhook request failed: <status> <reason>`, as the hosted API documents; the answer's status,
 * headers and body go in the node's error output (so `{{ n2.body }}` works on the error path). Server
 * errors, 408 and 429 are retryable (`http_request_failed`); other statuses are not.
 */
function failure(response: HttpResponse): StratoflowError {
  const reason = response.statusText || STATUS_CODES[response.status] || '';
  const message = `Webhook request failed: ${response.status}${reason ? ` ${reason}` : ''}`;
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  return new StratoflowError(retryable ? 'http_request_failed' : 'node_failed', message).withDetails({
    status: response.status,
    headers: response.headers,
    body: response.body,
  });
}
