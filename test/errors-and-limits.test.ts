import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../src/domain/errors.js';
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from './helpers/postgres.js';
import { type CallResult, PUBLIC_URL, startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, node } from './helpers/workflows.js';

let t: TestServer;
let workflowId: string;
let webhookPath: string;
beforeAll(async () => {
  t = await startTestServer();
  workflowId = (await createWorkflow(t, { nodes: [node('n1', 'manual_trigger')], edges: [] })).id;
  const hooked = await createWorkflow(t, { nodes: [node('n1', 'webhook_trigger')], edges: [] });
  webhookPath = new URL(hooked.webhook_url).pathname;
});
afterAll(async () => t.close());

const minimal = { name: 'x', nodes: [node('n1', 'manual_trigger')], edges: [] };

/** Every error body is the spec's envelope, with a registered code whose status matches. */
function expectEnvelope(res: CallResult, status: number, code?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(res.body).sort()).toEqual(
    expect.arrayContaining(['code', 'doc_url', 'message', 'type'].sort()),
  );
  const registered = ERRORS[res.body.code as keyof typeof ERRORS];
  expect(registered, `unregistered code ${res.body.code}`).toBeDefined();
  expect(registered.status).toBe(status);
  expect(res.body.type).toBe(registered.type);
  expect(typeof res.body.message).toBe('string');
  expect(res.body.message.length).toBeGreaterThan(0);
  expect(res.body.doc_url).toBe(`${PUBLIC_URL}/errors#${res.body.code}`);
  if (code) expect(res.body.code).toBe(code);
  return res.body;
}

function deeply(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('request bodies', () => {
  it('answers 400 invalid_json for malformed JSON on every JSON endpoint', async () => {
    const targets: Array<[string, string]> = [
      ['POST', '/workflows'],
      ['POST', '/workflows/validate'],
      ['PUT', `/workflows/${workflowId}`],
      ['POST', `/workflows/${workflowId}/execute`],
      ['POST', webhookPath],
    ];
    for (const [method, path] of targets) {
      for (const rawBody of ['{"name": ', '{name: "x"}', "{'a':1}", '[1,]', 'nul', '{"a":1}}']) {
        expectEnvelope(await t.call(method, path, { rawBody }), 400, 'invalid_json');
      }
    }
  });

  it('answers 413 above the default limit of 1 MiB', async () => {
    const padding = 'x'.repeat(1024 * 1024);
    const big = JSON.stringify({ ...minimal, description: padding });
    const body = expectEnvelope(
      await t.call('POST', '/workflows', { rawBody: big }),
      413,
      'request_too_large',
    );
    expect(body.message).toBe(
      'The request body is larger than the limit of 1048576 bytes (1 MiB). Send a smaller body, or raise STRATOFLOW_BODY_LIMIT.',
    );
    expectEnvelope(
      await t.call('POST', webhookPath, { rawBody: big, token: null }),
      413,
      'request_too_large',
    );
    // Just under the limit is read (and then judged on its fields).
    const under = JSON.stringify({ ...minimal, description: 'x'.repeat(1024 * 1024 - 200) });
    expect(Buffer.byteLength(under)).toBeLessThan(1024 * 1024);
    expectEnvelope(await t.call('POST', '/workflows', { rawBody: under }), 422, 'parameter_invalid');
  });

  it('answers 413 for a chunked body without Content-Length', async () => {
    const token = await t.token();
    const url = new URL(`${t.url}/workflows`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      req.write('{"name":"');
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end('"}');
    });
    expect(status).toBe(413);
  });

  it('honours STRATOFLOW_BODY_LIMIT', async () => {
    const small = await startTestServer({}, { STRATOFLOW_BODY_LIMIT: '2kb' });
    try {
      const fits = JSON.stringify({ ...minimal, description: 'x'.repeat(1500) });
      expect((await small.call('POST', '/workflows', { rawBody: fits })).status).toBe(201);
      const over = JSON.stringify({ ...minimal, description: 'x'.repeat(2100) });
      const refused = expectEnvelope(
        await small.call('POST', '/workflows', { rawBody: over }),
        413,
        'request_too_large',
      );
      expect(refused.message).toBe(
        'The request body is larger than the limit of 2048 bytes (2 KiB). Send a smaller body, or raise STRATOFLOW_BODY_LIMIT.',
      );
    } finally {
      await small.close();
    }
  });

  it('answers 422, not 500, for an empty or absent body', async () => {
    expectEnvelope(await t.call('POST', '/workflows', { rawBody: '' }), 422);
    expectEnvelope(await t.call('POST', '/workflows', { rawBody: '   \n' }), 422);
    expectEnvelope(await t.call('POST', '/workflows', {}), 422);
    expectEnvelope(await t.call('PUT', `/workflows/${workflowId}`, { rawBody: '' }), 422);
    const validated = await t.call('POST', '/workflows/validate', { rawBody: '' });
    expect(validated.status).toBe(200);
    expect(validated.body.valid).toBe(false);
    // execute treats an absent body as no context
    expect((await t.call('POST', `/workflows/${workflowId}/execute`, {})).status).toBe(202);
  });

  it('answers 4xx, not 500, for JSON that is not an object', async () => {
    for (const rawBody of ['null', '[]', '"text"', '42', 'true']) {
      expectEnvelope(await t.call('POST', '/workflows', { rawBody }), 422);
      expectEnvelope(await t.call('PUT', `/workflows/${workflowId}`, { rawBody }), 422);
    }
    for (const rawBody of ['[]', '"text"', '42']) {
      expectEnvelope(await t.call('POST', `/workflows/${workflowId}/execute`, { rawBody }), 422);
    }
  });

  it('answers 4xx, not 500, for bodies that are not JSON', async () => {
    const bodies: Array<[string, string]> = [
      ['text/plain', 'name=hello'],
      ['text/plain', JSON.stringify(minimal)],
      ['application/xml', '<workflow name="x"/>'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--',
      ],
      ['application/x-www-form-urlencoded', 'name=x&nodes=1'],
      ['application/octet-stream', '\u0000\u0001\u0002'],
    ];
    for (const [contentType, rawBody] of bodies) {
      const res = await t.call('POST', '/workflows', { rawBody, headers: { 'content-type': contentType } });
      expect(res.status, `${contentType}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectEnvelope(res, res.status);
    }
  });

  it('refuses JSON nested deeper than 64 levels with 400 json_too_deep', async () => {
    // (The nested value sits in `description`, a metadata key: unknown config keys are refused at save.)
    const def = (deep: string) =>
      `{"name":"deep","nodes":[{"id":"n1","data":{"componentId":"manual_trigger","description":${deep}}}],"edges":[]}`;
    for (const depth of [100, 10_000, 200_000]) {
      expectEnvelope(
        await t.call('POST', '/workflows', { rawBody: def(deeply(depth)) }),
        400,
        'json_too_deep',
      );
      expectEnvelope(
        await t.call('POST', webhookPath, { rawBody: deeply(depth), token: null }),
        400,
        'json_too_deep',
      );
      const context = `{"context":{"x":${deeply(depth)}}}`;
      expectEnvelope(await t.call('POST', `/workflows/${workflowId}/execute`, { rawBody: context }), 400);
    }
    // 60 levels of data (64 with the envelope) are fine, and brackets inside strings do not count.
    expect((await t.call('POST', '/workflows', { rawBody: def(deeply(60)) })).status).toBe(201);
    const brackets = def(`"${'['.repeat(500)}"`);
    expect((await t.call('POST', '/workflows', { rawBody: brackets })).status).toBe(201);
    const escaped = def(`"\\"${'{'.repeat(500)}"`);
    expect((await t.call('POST', '/workflows', { rawBody: escaped })).status).toBe(201);
  });

  it('refuses prototype-poisoning keys', async () => {
    const poisoned = `{"name":"p","nodes":[{"id":"n1","data":{"componentId":"manual_trigger","__proto__":{"x":1}}}],"edges":[]}`;
    const body = expectEnvelope(
      await t.call('POST', '/workflows', { rawBody: poisoned }),
      400,
      'invalid_json',
    );
    expect(body.message).toMatch(/__proto__/);
    const ctor = '{"context":{"constructor":{"prototype":{"polluted":true}}}}';
    expectEnvelope(
      await t.call('POST', `/workflows/${workflowId}/execute`, { rawBody: ctor }),
      400,
      'invalid_json',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The words themselves as values are fine.
    const harmless = await t.call('POST', '/workflows', {
      body: { ...minimal, description: 'constructor __proto__' },
    });
    expect(harmless.status).toBe(201);
  });

  it('handles a definition at the size limits without 500', async () => {
    const nodes = [node('n1', 'manual_trigger')];
    for (let i = 0; i < 1000; i++) nodes.push(node(`t${i}`, 'text_transform', { template: 'x' }));
    expectEnvelope(await t.call('POST', '/workflows', { body: { name: 'many', nodes, edges: [] } }), 422);
    const chain = nodes.slice(0, 1000);
    const edges = chain.slice(1).map((n, i) => edge(chain[i]?.id ?? 'n1', n.id));
    const created = await t.call('POST', '/workflows', { body: { name: 'long chain', nodes: chain, edges } });
    expect(created.status, created.text).toBe(201);
  });
});

describe('text in names and paths', () => {
  it('stores unicode names exactly and refuses NUL characters', async () => {
    const name = 'Zürich → 東京 🚀 "quotes" \\ <b>';
    const created = await createWorkflow(t, { ...minimal, name, description: 'línea\nnueva\t✓' });
    const got = await t.call('GET', `/workflows/${created.id}`);
    expect(got.body.name).toBe(name);
    expect(got.body.description).toBe('línea\nnueva\t✓');

    for (const body of [
      { ...minimal, name: 'nul\u0000byte' },
      { ...minimal, description: 'a\u0000b' },
      { ...minimal, schedule_type: 'cron', schedule_value: '0 9 * * *\u0000' },
    ]) {
      const res = await t.call('POST', '/workflows', { body });
      expectEnvelope(res, 422, 'parameter_invalid');
      expect(res.body.message).toMatch(/NUL/);
    }
    const renamed = await t.call('PUT', `/workflows/${created.id}`, { body: { name: '\u0000' } });
    expectEnvelope(renamed, 422, 'parameter_invalid');
  });

  it('keeps NUL and lone surrogates inside node data intact', async () => {
    const created = await createWorkflow(t, {
      ...minimal,
      nodes: [node('n1', 'manual_trigger', { description: 'a\u0000b \ud800' })],
    });
    const got = await t.call('GET', `/workflows/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.body.nodes[0].data.description).toContain('a\u0000b');
  });

  it('answers 404 resource_not_found for path ids of the wrong shape, as for unknown ids', async () => {
    const paths: Array<[string, string]> = [
      ['GET', '/workflows/abc'],
      ['GET', '/workflows/FL_01JABCDEFGHJKMNPQRSTVWXYZ0'],
      ['GET', '/workflows/fl_run_01jabcdefghjkmnpqrstvwxyz0'],
      ['GET', '/workflows/%00'],
      ['GET', `/workflows/fl_${'a'.repeat(90)}`],
      ['PUT', '/workflows/fl_'],
      ['DELETE', '/workflows/x'],
      ['GET', '/workflows/runs/fl_01jabcdefghjkmnpqrstvwxyz0'],
      ['POST', '/workflows/runs/fl_run_x/rerun'],
      ['GET', '/workflows/123/executions'],
      ['GET', '/workflows/..%2f..%2fetc/logs'],
    ];
    for (const [method, path] of paths) {
      const res = await t.call(method, path, method === 'PUT' ? { body: { name: 'x' } } : {});
      expectEnvelope(res, 404, 'resource_not_found');
    }
  });

  it('keeps malformed and over-long URLs in the envelope', async () => {
    for (const path of ['/workflows/%ZZ', '/workflows/%E0%A4%A', `/workflows/fl_${'a'.repeat(5000)}`]) {
      const res = await t.call('GET', path);
      expect(res.status, `${path}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectEnvelope(res, res.status);
    }
    const resume = await t.call(
      'POST',
      `/workflows/runs/fl_run_01jabcdefghjkmnpqrstvwxyz0/resume-from/${'n'.repeat(300)}`,
    );
    expectEnvelope(resume, resume.status);
  });

  it('answers 404 in the envelope for unknown routes', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/workflows/nope/deeper/still'],
    ] as const) {
      expectEnvelope(await t.call(method, path, { token: null }), 404, 'route_not_found');
    }
  });

  it('answers 405 with Allow for a known path and a method it does not take', async () => {
    for (const [method, path, allow] of [
      ['PATCH', '/workflows', 'GET, HEAD, POST'],
      ['DELETE', '/workflows', 'GET, HEAD, POST'],
      ['POST', '/healthz', 'GET, HEAD'],
      ['PATCH', `/workflows/${workflowId}`, 'DELETE, GET, HEAD, PUT'],
    ] as const) {
      const res = await t.call(method, path, { token: null });
      const body = expectEnvelope(res, 405, 'method_not_allowed');
      expect(res.headers.get('allow')).toBe(allow);
      expect(body.message).toBe(`${method} is not allowed on ${path}. Allowed: ${allow}.`);
    }
  });

  it('says a webhook URL takes POST when it is opened with GET', async () => {
    for (const path of [webhookPath, '/workflows/webhooks/whsec_unknown']) {
      const res = await t.call('GET', path, { token: null });
      const body = expectEnvelope(res, 405, 'method_not_allowed');
      expect(res.headers.get('allow')).toBe('POST');
      expect(body.message).toBe(
        'A webhook URL takes POST requests (the event as the request body); GET is not allowed. Allowed: POST.',
      );
    }
  });
});

/** Sends raw bytes and returns the whole answer (the server closes the connection after these errors). */
function rawExchange(url: string, request: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer')));
  });
}

function parseRaw(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), head, body: JSON.parse(body) };
}

describe('requests the HTTP parser refuses', () => {
  it('keeps oversized headers and garbage in the envelope', async () => {
    const cases: Array<[string, number, string]> = [
      [
        `GET /workflows HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        431,
        'request_headers_too_large',
      ],
      ['HELLO THERE\r\n\r\n', 400, 'malformed_request'],
      ['POST /workflows HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400, 'malformed_request'],
    ];
    for (const [request, status, code] of cases) {
      const answer = parseRaw(await rawExchange(t.url, request));
      expect(answer.status, answer.head).toBe(status);
      expect(answer.head).toMatch(/content-type: application\/json/i);
      expect(answer.body).toEqual({
        type: 'invalid_request_error',
        code,
        message: ERRORS[code as keyof typeof ERRORS].message,
        doc_url: `${PUBLIC_URL}/errors#${code}`,
      });
    }
    expect((await t.call('GET', '/healthz', { token: null })).status).toBe(200);
  });

  it('words a missing field the same way in /workflows/validate as in the 422', async () => {
    const checked = await t.call('POST', '/workflows/validate', {
      body: { nodes: [node('n1', 'manual_trigger')] },
    });
    expect(checked.body.errors).toEqual([
      "The 'name' parameter is required for this request.",
      "The 'edges' parameter is required for this request.",
    ]);
  });
});

describe('query parameters', () => {
  it('answers 422 for pages out of range', async () => {
    const cases: Array<[string, string]> = [
      ['per_page=0', 'per_page'],
      ['per_page=101', 'per_page'],
      ['per_page=-5', 'per_page'],
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=abc', 'page'],
      ['page=1.5', 'page'],
      ['page=1e400', 'page'],
      ['page=99999999999999999999', 'page'],
      ['page=1&page=2', 'page'],
    ];
    for (const base of [`/workflows/${workflowId}/executions`, `/workflows/${workflowId}/logs`]) {
      for (const [query, param] of cases) {
        const body = expectEnvelope(await t.call('GET', `${base}?${query}`), 422, 'parameter_invalid');
        expect(body.param, `${base}?${query}`).toBe(param);
        expect(body.message).toContain(`'${param}'`);
      }
    }
  });

  it('answers 422 for bad log filters and accepts good ones', async () => {
    const base = `/workflows/${workflowId}/logs`;
    for (const [query, param] of [
      ['status=broken', 'status'],
      ['from=yesterday', 'from'],
      ['to=2025-13-01T00:00:00Z', 'to'],
      [`node_id=${'n'.repeat(101)}`, 'node_id'],
    ]) {
      const body = expectEnvelope(await t.call('GET', `${base}?${query}`), 422, 'parameter_invalid');
      expect(body.param).toBe(param);
    }
    const ok = await t.call(
      'GET',
      `${base}?status=error&from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00%2B02:00`,
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual([]);
    const far = await t.call('GET', `/workflows/${workflowId}/executions?page=1000000&per_page=100`);
    expect(far.status).toBe(200);
    expect(far.body.data).toEqual([]);
  });
});

describe('error documentation', () => {
  it('serves the generated errors page at /docs/errors.md', async () => {
    const res = await t.call('GET', '/docs/errors.md', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(res.text).toBe(readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8'));
    for (const code of Object.keys(ERRORS)) expect(res.text).toContain(`<a id="${code}"></a>`);
  });
});

describe.skipIf(!postgresAdminUrl())('NUL characters on PostgreSQL', () => {
  let pg: TestServer;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    pg = await startTestServer({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await pg?.close();
    await database?.drop();
  });

  it('answers 4xx, never 500, where NUL would reach a text column or a query', async () => {
    const created = await createWorkflow(pg, {
      ...minimal,
      nodes: [node('n1', 'manual_trigger', { description: 'a\u0000b' })],
    });
    expect((await pg.call('GET', `/workflows/${created.id}`)).body.nodes[0].data.description).toBe(
      'a\u0000b',
    );
    expectEnvelope(await pg.call('POST', '/workflows', { body: { ...minimal, name: 'a\u0000' } }), 422);
    const run = await pg.call('POST', `/workflows/${created.id}/execute`, {
      body: { context: { x: 'a\u0000b' } },
    });
    expect(run.status).toBe(202);
    const probes = [
      `/workflows/runs/${run.body.id}/resume-from/%00`,
      `/workflows/${created.id}/logs?node_id=%00`,
      `/workflows/${created.id}/logs?run_id=x%00`,
      '/workflows/webhooks/whsec_%00',
    ];
    for (const path of probes) {
      const res = await pg.call(
        path.includes('/logs') ? 'GET' : 'POST',
        path,
        path.includes('webhooks') ? { token: null } : {},
      );
      // NUL in a path names nothing (404); in a query it is a bad parameter (422).
      if (path.includes('?')) expectEnvelope(res, 422, 'parameter_invalid');
      else expectEnvelope(res, 404, 'resource_not_found');
    }
    const read = await pg.call('GET', `/workflows/runs/${run.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.trigger_payload).toEqual({ x: 'a\u0000b' });
  });
});

describe('rate limit', () => {
  it('answers 429 in the error envelope past STRATOFLOW_RATE_LIMIT requests a minute per token', async () => {
    const limited = await startTestServer({ rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.call('GET', '/workflows')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const res = await limited.call('GET', '/workflows');
      expect(res.body).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited' });
      expect(res.body.message).toContain('3 requests per minute');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // Another principal has its own budget; health checks are never limited.
      expect((await limited.call('GET', '/workflows', { org: 'org_other' })).status).toBe(200);
      for (let i = 0; i < 5; i++)
        expect((await limited.call('GET', '/healthz', { token: null })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('is keyed on the verified principal: header spacing or a fresh token for the same user give no new budget', async () => {
    const limited = await startTestServer({ rateLimitPerMinute: 3 });
    try {
      const token = await limited.token('org_a', 'usr_ada');
      const statuses: number[] = [];
      for (const authorization of [
        `Bearer ${token}`,
        `Bearer  ${token}`,
        `bearer ${token}  `,
        `Bearer ${await limited.token('org_a', 'usr_ada')}x`.slice(0, -1),
        `Bearer\t${token}`,
      ]) {
        const res = await limited.call('GET', '/workflows', { token: null, headers: { authorization } });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      // Another user of the same organization has its own budget.
      const other = await limited.token('org_a', 'usr_bob');
      expect((await limited.call('GET', '/workflows', { token: other })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits webhook deliveries per webhook URL and per client address, with Retry-After', async () => {
    const limited = await startTestServer({ webhookRateLimitPerMinute: 2, webhookIpRateLimitPerMinute: 3 });
    try {
      const hook = async () => {
        const res = await limited.call('POST', '/workflows', {
          body: {
            name: 'h',
            nodes: [
              {
                id: 'n1',
                type: 'webhook_trigger',
                position: { x: 0, y: 0 },
                data: { componentId: 'webhook_trigger' },
              },
            ],
            edges: [],
          },
        });
        return new URL(res.body.webhook_url).pathname;
      };
      const [a, b] = [await hook(), await hook()];
      const post = (path: string) => limited.call('POST', path, { token: null, body: {} });
      expect([(await post(a)).status, (await post(a)).status, (await post(a)).status]).toEqual([
        202, 202, 429,
      ]);
      const perIp = await post(b); // 4th delivery from this address
      expect(perIp.status).toBe(429);
      expect(perIp.body.message).toMatch(/per client address/);
      expect(perIp.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });
});

describe('per-organization quotas', () => {
  it('refuse workflows, active schedules and short intervals past the quota with 422, runs in flight with 429', async () => {
    const quotas = { workflows: 3, activeSchedules: 1, runsInFlight: 2, minScheduleIntervalSeconds: 60 };
    const limited = await startTestServer({ quotas });
    try {
      const trigger = {
        id: 'n1',
        type: 'manual_trigger',
        position: { x: 0, y: 0 },
        data: { componentId: 'manual_trigger' },
      };
      const delay = {
        id: 'n2',
        type: 'delay',
        position: { x: 0, y: 0 },
        data: { componentId: 'delay', duration: 1, unit: 'minutes' },
      };
      const create = (extra: Record<string, unknown> = {}) =>
        limited.call('POST', '/workflows', { body: { name: 'q', nodes: [trigger], edges: [], ...extra } });
      const short = await create({ schedule_type: 'interval', schedule_value: '30 seconds' });
      expect(short.status).toBe(422);
      expect(short.body).toMatchObject({ code: 'quota_exceeded', param: 'schedule_value' });
      expect((await create({ schedule_type: 'interval', schedule_value: '5 minutes' })).status).toBe(201);
      const second = await create({ schedule_type: 'cron', schedule_value: '0 * * * *' });
      expect(second.body).toMatchObject({ code: 'quota_exceeded', param: 'is_active' });
      expect(
        (await create({ schedule_type: 'cron', schedule_value: '0 * * * *', is_active: false })).status,
      ).toBe(201);
      const slow = await limited.call('POST', '/workflows', {
        body: { name: 'slow', nodes: [trigger, delay], edges: [{ id: 'e', source: 'n1', target: 'n2' }] },
      });
      expect(slow.status).toBe(201);
      const fourth = await create();
      expect(fourth.status).toBe(422);
      expect(fourth.body.message).toMatch(/quota is 3 \(STRATOFLOW_QUOTA_WORKFLOWS\)/);
      const run = () => limited.call('POST', `/workflows/${slow.body.id}/execute`, { body: {} });
      expect([(await run()).status, (await run()).status]).toEqual([202, 202]);
      const third = await run();
      expect(third.status).toBe(429);
      expect(third.body.code).toBe('runs_in_flight_exceeded');
      expect(third.headers.get('retry-after')).toBe('5');
    } finally {
      await limited.close();
    }
  });
});
