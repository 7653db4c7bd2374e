import { STATUS_CODES } from 'node:http';
import { StratoflowError } from '../../../domain/errors.js';
import { defineNode, type HttpResponse } from '../../contract.js';
import { boundedMs, credential, credentialsFromVault } from '../outbound/credentials.js';
import {
  AI_CREDENTIAL_FIELDS,
  type AiTextTransformConfig,
  aiTextTransformConfig,
  aiTextTransformOutput,
} from './config.js';

interface ChatCompletion {
  model?: unknown;
  choices?: { message?: { content?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown };
}

function requestBody(config: AiTextTransformConfig): string {
  const messages = [
    ...(config.system_prompt ? [{ role: 'system', content: config.system_prompt }] : []),
    { role: 'user', content: config.input },
  ];
  return JSON.stringify({
    model: config.model,
    messages,
    ...(config.temperature !== undefined ? { temperature: config.temperature } : {}),
    ...(config.max_tokens !== undefined ? { max_tokens: config.max_tokens } : {}),
    ...(config.json_mode ? { response_format: { type: 'json_object' } } : {}),
  });
}

/** The error text an OpenAI-compatible server puts in `{error: {message}}`, if any. */
function serverMessage(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? `: ${message.slice(0, 300)}` : '';
}

function failure(host: string, response: HttpResponse): StratoflowError {
  const reason = response.statusText || STATUS_CODES[response.status] || '';
  const message = `AI endpoint ${host} answered ${response.status}${reason ? ` ${reason}` : ''}${serverMessage(response.body)}`;
  if (response.status === 401 || response.status === 403)
    return new StratoflowError('remote_auth_failed', message);
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  return new StratoflowError(retryable ? 'http_request_failed' : 'node_failed', message);
}

const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : 0);

export const aiTextTransform = defineNode({
  componentId: 'ai_text_transform',
  kind: 'action',
  title: 'AI text transform',
  description:
    'Sends a templated input (with an optional system prompt) to an OpenAI-compatible chat-completions endpoint and outputs the answer, parsed JSON in json_mode, and the token usage.',
  config: aiTextTransformConfig,
  output: aiTextTransformOutput,
  outputExample: {
    text: 'Two sites are offline: HQ and Branch 4.',
    model: 'gpt-4o-mini',
    finish_reason: 'stop',
    usage: { prompt_tokens: 182, completion_tokens: 12, total_tokens: 194 },
  },
  handles: [],
  check: (config) => credentialsFromVault(config, AI_CREDENTIAL_FIELDS),
  run: async (ctx, config) => {
    const timeoutMs = boundedMs(ctx, 'timeout_seconds', config.timeout_seconds);
    const base = config.base_url ?? ctx.services.aiBaseUrl;
    if (!base) {
      throw new StratoflowError(
        'node_config_invalid',
        'No AI endpoint: set base_url on the node or STRATOFLOW_AI_BASE_URL on the server.',
      );
    }
    const url = `${base.replace(/\/+$/, '')}/chat/completions`;
    const host = URL.parse(url)?.host ?? base;
    const apiKey = credential(ctx, config.api_key);
    const response = await ctx.http.request({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
      body: requestBody(config),
      timeoutMs,
      signal: ctx.signal,
    });
    if (response.status < 200 || response.status > 299) throw failure(host, response);
    const completion = response.body as ChatCompletion | null;
    const choice = completion?.choices?.[0];
    const text = choice?.message?.content;
    if (typeof text !== 'string') {
      throw new StratoflowError(
        'node_failed',
        `AI endpoint ${host} answered without a message in choices[0].`,
      );
    }
    let json: unknown;
    if (config.json_mode) {
      try {
        json = JSON.parse(text);
      } catch {
        throw new StratoflowError(
          'node_failed',
          `AI endpoint ${host} was asked for JSON but answered text that is not JSON.`,
        );
      }
    }
    const usage = completion?.usage;
    return {
      output: {
        text,
        ...(config.json_mode ? { json } : {}),
        model: typeof completion?.model === 'string' ? completion.model : config.model,
        finish_reason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : null,
        usage: {
          prompt_tokens: count(usage?.prompt_tokens),
          completion_tokens: count(usage?.completion_tokens),
          total_tokens: count(usage?.total_tokens),
        },
      },
    };
  },
});
