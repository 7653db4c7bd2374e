import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../actions/http/index.js';
import { type HttpsTestServer, sendJson, startHttpsServer } from '../actions/http/test-https.js';
import type { NodeContext } from '../contract.js';
import { createTestContext, runNode } from '../test-context.js';
import { altostratApi } from './altostrat-api.js';
import { mikrotikApi } from './mikrotik-api.js';
import { mikrotikScript } from './mikrotik-script.js';
import { platformPresets } from './presets.js';
import { resourceHasTags } from './resource-has-tags.js';

const TOKEN = 'delegated-user-token-0123456789';
const http = createHttpClient({ allowedCidrs: '127.0.0.0/8' });
let platform: HttpsTestServer;
const jobs = new Map<string, string[]>();

beforeAll(async () => {
  platform = await startHttpsServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return sendJson(res, 401, { message: 'who?' });
    const job = /\/jobs\/(\w+)$/.exec(req.url)?.[1];
    if (job !== undefined) {
      const states = jobs.get(job) ?? [];
      return sendJson(res, 200, { id: job, status: states.shift() ?? 'completed', output: 'ok' });
    }
    if (req.method === 'POST' && req.url.endsWith('/scripts')) return sendJson(res, 202, { job_id: 'j1' });
    if (req.url.includes('/missing/')) return sendJson(res, 404, { message: 'no' });
    return sendJson(res, 200, { echoed: true });
  });
});
afterAll(async () => {
  await http.close();
  await platform.close();
});

function context(overrides: Partial<NodeContext> = {}) {
  return createTestContext({
    http,
    platform: { baseUrl: `${platform.origin}/api/v1`, tls: { ca: platform.certificate.cert } },
    delegation: { token: async () => TOKEN },
    ...overrides,
  });
}

function preset(id: string) {
  const found = platformPresets.find((p) => p.componentId === id);
  if (!found) throw new Error(id);
  return found;
}

describe('altostrat_api', () => {
  it('sends method, endpoint, query and JSON body with the delegated bearer token', async () => {
    const outcome = await runNode(
      altostratApi,
      { method: 'post', endpoint: '/users?filter[status]=new', body: '{"name":"ada"}', query: { page: 2 } },
      context(),
    );
    expect(outcome).toMatchObject({ output: { status: 200, body: { echoed: true } } });
    const got = platform.received.at(-1);
    expect(got).toMatchObject({ method: 'POST', body: '{"name":"ada"}' });
    expect(decodeURIComponent(got?.url ?? '')).toBe('/api/v1/users?filter[status]=new&page=2');
    expect(got?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      'idempotency-key': 'fl_run_test.n2',
    });
    expect(altostratApi.output?.safeParse((outcome as { output: unknown }).output).success).toBe(true);
  });

  it('fails on a non-2xx answer with the status, and when the platform URL is not configured', async () => {
    await expect(
      runNode(altostratApi, { method: 'GET', endpoint: '/missing/1' }, context()),
    ).rejects.toMatchObject({
      code: 'platform_api_failed',
      message: 'Platform API request failed: GET /missing/1 answered 404 Not Found',
    });
    await expect(
      runNode(altostratApi, { method: 'GET', endpoint: '/x' }, context({ platform: { baseUrl: null } })),
    ).rejects.toMatchObject({ code: 'platform_api_unconfigured' });
  });

  it('refuses endpoints that are not a path', () => {
    for (const endpoint of ['users', '//evil.example/x', 'https://evil.example/'])
      expect(altostratApi.config.safeParse({ method: 'GET', endpoint }).success, endpoint).toBe(false);
  });
});

describe('platform presets', () => {
  it.each([
    ['get_site', { site_id: 's 1' }, 'GET', '/api/v1/sites/s%201', ''],
    ['get_wan_tunnel', { site_id: 's1', tunnel_id: 't1' }, 'GET', '/api/v1/sites/s1/wan/tunnels/t1', ''],
    ['get_resource_tags', { resource_id: 'r1' }, 'GET', '/api/v1/resources/r1/tags', ''],
    [
      'set_resource_tags',
      { resource_id: 'r1', tags: '{"env":"prod","tier":1}' },
      'PATCH',
      '/api/v1/resources/r1/tags',
      '{"tags":[{"key":"env","value":"prod"},{"key":"tier","value":"1"}]}',
    ],
    ['attach_policy', { site_id: 's1', policy_id: 'p1' }, 'PUT', '/api/v1/sites/s1/policies/p1', ''],
    ['detach_policy', { site_id: 's1', policy_id: 'p1' }, 'DELETE', '/api/v1/sites/s1/policies/p1', ''],
    [
      'update_wan_priorities',
      { site_id: 's1', tunnel_ids: 'b, a' },
      'PUT',
      '/api/v1/sites/s1/wan/priorities',
      '{"priorities":[{"tunnel_id":"b","priority":1},{"tunnel_id":"a","priority":2}]}',
    ],
  ])('%s sends its request', async (id, config, method, url, body) => {
    const outcome = await runNode(preset(id), config, context());
    expect(outcome).toMatchObject({ output: { status: 200 } });
    expect(platform.received.at(-1)).toMatchObject({ method, url, body });
    expect(platform.received.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('requires its ids', () => {
    expect(preset('get_site').config.safeParse({ site_id: ' ' }).success).toBe(false);
  });
});

describe('mikrotik_script', () => {
  it('dispatches the script and returns the job without waiting', async () => {
    const outcome = await runNode(mikrotikScript, { site_id: 's1', script: '/system reboot' }, context());
    expect(outcome).toEqual({ output: { job_id: 'j1', status: 'dispatched', result: null } });
    expect(platform.received.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/v1/sites/s1/scripts',
      body: '{"script":"/system reboot"}',
    });
  });

  it('waits durably: parks, looks at the job, parks again, then outputs the result', async () => {
    jobs.set('j1', ['running']);
    const config = { site_id: 's1', script: ':put 1', wait_for_result: 'true', poll_interval_seconds: 5 };
    const first = await runNode(mikrotikScript, config, context());
    expect(first).toMatchObject({ wait: { memo: { job_id: 'j1' } } });
    const memo = (first as { wait: { memo: unknown } }).wait.memo;
    const second = await runNode(mikrotikScript, config, context({ memo }));
    expect(second).toMatchObject({ wait: { memo } });
    const third = await runNode(mikrotikScript, config, context({ memo }));
    expect(third).toEqual({
      output: { job_id: 'j1', status: 'completed', result: { id: 'j1', status: 'completed', output: 'ok' } },
    });
  });

  it('fails when the job fails, and when it outlives timeout_seconds', async () => {
    jobs.set('j1', ['failed']);
    const config = { site_id: 's1', script: ':put 1', wait_for_result: true };
    const memo = { job_id: 'j1', deadline: Number.MAX_SAFE_INTEGER };
    await expect(runNode(mikrotikScript, config, context({ memo }))).rejects.toThrow('job j1 failed');
    jobs.set('j1', ['running']);
    await expect(
      runNode(mikrotikScript, config, context({ memo: { job_id: 'j1', deadline: 0 } })),
    ).rejects.toMatchObject({ code: 'node_timeout' });
  });
});

describe('mikrotik_api config', () => {
  it.each([
    ['router.example.com', true],
    ['192.0.2.1:8443', true],
    ['[2001:db8::1]', true],
    ['router.example.com:443', true],
    ['https://router.example.com', false],
    ['router.example.com/rest', false],
    ['admin@router.example.com', false],
    ['', false],
  ])('host %s is accepted: %s', (host, ok) => {
    const config = { host, method: 'GET', path: '/ip/address', username: 'admin', password: 'x' };
    expect(mikrotikApi.config.safeParse(config).success).toBe(ok);
  });
});

describe('resource_has_tags', () => {
  const tags = [
    { key: 'env', value: 'prod' },
    { key: 'Tier', value: 'gold' },
  ];
  it.each([
    [{ operator: 'has_key', key: 'env' }, true],
    [{ operator: 'has_key', key: 'tier' }, false],
    [{ operator: 'has_key', key: 'tier', case_sensitive: 'false' }, true],
    [{ operator: 'has_value', value: 'gold' }, true],
    [{ operator: 'has_key_value', key: 'env', value: 'gold' }, false],
    [{ operator: 'has_key_value', key: 'env', value: 'prod' }, true],
    [{ operator: 'tag_count_equals', count: '2' }, true],
    [{ operator: 'tag_count_greater_than', count: 2 }, false],
    [{ operator: 'tag_count_less_than', count: 3 }, true],
  ])('%o → %s', async (condition, expected) => {
    const outcome = await runNode(resourceHasTags, { tags, ...condition });
    expect(outcome).toMatchObject({ handle: expected ? 'true' : 'false', output: { result: expected } });
    expect(resourceHasTags.output?.safeParse((outcome as { output: unknown }).output).success).toBe(true);
  });

  it('reads an object or JSON text, and requires the operands of its operator', async () => {
    const outcome = await runNode(resourceHasTags, {
      tags: '{"env":"prod"}',
      operator: 'has_key',
      key: 'env',
    });
    expect(outcome).toMatchObject({ handle: 'true', output: { value: { env: 'prod' } } });
    expect(resourceHasTags.config.safeParse({ tags: {}, operator: 'has_key_value', key: 'a' }).success).toBe(
      false,
    );
  });
});
