import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeContext } from '../../contract.js';
import { createTestContext, NO_SERVICES, nodeFailure, runNode } from '../../test-context.js';
import { createHttpClient, type HttpClient } from '../http/client.js';
import { startServer, type TestServer } from '../http/test-server.js';
import { aiTextTransformOutput } from './config.js';
import { aiTextTransform } from './node.js';

/** An OpenAI-compatible stub: checks the key, answers in upper case (or as JSON), 401 for a wrong key. */
let stub: TestServer;
let http: HttpClient;
const API_KEY = 'sk-test-0123456789';

beforeAll(async () => {
  stub = await startServer((req, res) => {
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    if (req.headers.authorization !== `Bearer ${API_KEY}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error' } }),
      );
      return;
    }
    const body = JSON.parse(req.body) as {
      model: string;
      messages: { role: string; content: string }[];
      response_format?: { type: string };
    };
    const user = body.messages.at(-1)?.content ?? '';
    const content = body.response_format ? JSON.stringify({ shout: user.toUpperCase() }) : user.toUpperCase();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        model: `${body.model}-2024`,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
      }),
    );
  });
  http = createHttpClient({ allowedCidrs: '127.0.0.1/32' });
});
afterAll(async () => {
  await http.close();
  await stub.close();
});

const ctx = (overrides: Partial<NodeContext> = {}) => createTestContext({ http, ...overrides });

describe('ai_text_transform against an OpenAI-compatible stub', () => {
  it('sends model, prompts, temperature and max tokens, and outputs text and usage', async () => {
    const outcome = await runNode(
      aiTextTransform,
      {
        base_url: `${stub.origin}/v1/`,
        api_key: API_KEY,
        model: 'tiny',
        system_prompt: 'Shout.',
        input: 'hello there',
        temperature: '0.2',
        max_tokens: 50,
      },
      ctx(),
    );
    const output = aiTextTransformOutput.parse((outcome as { output: unknown }).output);
    expect(output).toEqual({
      text: 'HELLO THERE',
      model: 'tiny-2024',
      finish_reason: 'stop',
      usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
    });
    expect(JSON.parse(stub.received.at(-1)?.body ?? '{}')).toEqual({
      model: 'tiny',
      messages: [
        { role: 'system', content: 'Shout.' },
        { role: 'user', content: 'hello there' },
      ],
      temperature: 0.2,
      max_tokens: 50,
    });
  });

  it('asks for JSON in json_mode and outputs it parsed, using STRATOFLOW_AI_BASE_URL', async () => {
    const withDefault = ctx({ services: { ...NO_SERVICES, aiBaseUrl: `${stub.origin}/v1` } });
    const outcome = await runNode(
      aiTextTransform,
      { api_key: API_KEY, model: 'tiny', input: 'json please', json_mode: true },
      withDefault,
    );
    expect((outcome as { output: { json: unknown } }).output.json).toEqual({ shout: 'JSON PLEASE' });
    expect(JSON.parse(stub.received.at(-1)?.body ?? '{}').response_format).toEqual({ type: 'json_object' });
  });

  it('reports a refused key as an authentication failure with the server’s reason', async () => {
    const err = await nodeFailure(
      runNode(
        aiTextTransform,
        { base_url: `${stub.origin}/v1`, api_key: 'sk-wrong-key-000', model: 'tiny', input: 'x' },
        ctx(),
      ),
    );
    expect(err.code).toBe('remote_auth_failed');
    expect(err.message).toBe(
      `AI endpoint 127.0.0.1:${stub.port} answered 401 Unauthorized: Incorrect API key provided.`,
    );
  });

  it('needs an endpoint and refuses loopback without the allow-list', async () => {
    await expect(runNode(aiTextTransform, { model: 'm', input: 'x' }, ctx())).rejects.toThrow(
      'No AI endpoint: set base_url on the node or STRATOFLOW_AI_BASE_URL on the server.',
    );
    const guarded = createHttpClient();
    try {
      await expect(
        runNode(
          aiTextTransform,
          { base_url: `${stub.origin}/v1`, model: 'm', input: 'x' },
          ctx({ http: guarded }),
        ),
      ).rejects.toMatchObject({ code: 'http_destination_blocked' });
    } finally {
      await guarded.close();
    }
  });
});
