import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

interface Operation {
  security?: Array<Record<string, string[]>>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
  parameters?: Array<{ in: string; name: string }>;
}
interface OpenApiDocument {
  openapi: string;
  security?: Array<Record<string, string[]>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
  paths: Record<string, Record<string, Operation>>;
}

let t: TestServer;
let doc: OpenApiDocument;
let workflowId: string;
let runId: string;
beforeAll(async () => {
  // With a metrics token, GET /metrics is served and asks for its bearer token like the API does.
  t = await startTestServer({}, { STRATOFLOW_METRICS_TOKEN: 'openapi-suite-metrics-token-0123' });
  const res = await t.call('GET', '/openapi.json', { token: null });
  expect(res.status).toBe(200);
  doc = res.body;
  const wf = await createWorkflow(t, {
    nodes: [node('n1', 'manual_trigger'), node('n2', 'text_transform', { template: 'hi {{ n1.name }}' })],
    edges: [edge('n1', 'n2')],
  });
  workflowId = wf.id;
  runId = (await executeAndWait(t, workflowId, { name: 'ada' })).id;
});
afterAll(async () => t.close());

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function operations(): Array<{ method: string; path: string; op: Operation }> {
  const list: Array<{ method: string; path: string; op: Operation }> = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) list.push({ method: method.toUpperCase(), path, op });
    }
  }
  return list;
}

/** A concrete URL for an OpenAPI path: real ids where the test has them, well-formed ones elsewhere. */
function concrete(path: string): string {
  const values: Record<string, string> = {
    workflowId,
    runId,
    nodeId: 'n1',
    webhookToken: 'whsec_0000000000000000000000000',
    vaultId: 'vlt_01jabcdefghjkmnpqrstvwxyz0',
    authId: 'auth_01jabcdefghjkmnpqrstvwxyz0',
    token: 'unknown-token',
  };
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
}

/** The spec's endpoint index (§2.1). */
const SPEC_ENDPOINTS: Array<[string, string]> = [
  ['GET', '/workflows'],
  ['POST', '/workflows'],
  ['GET', '/workflows/{workflowId}'],
  ['PUT', '/workflows/{workflowId}'],
  ['DELETE', '/workflows/{workflowId}'],
  ['POST', '/workflows/validate'],
  ['GET', '/workflows/triggerable-workflows'],
  ['POST', '/workflows/sync/{workflowId}'],
  ['POST', '/workflows/{workflowId}/execute'],
  ['GET', '/workflows/{workflowId}/executions'],
  ['GET', '/workflows/runs/{runId}'],
  ['POST', '/workflows/runs/{runId}/rerun'],
  ['POST', '/workflows/runs/{runId}/resume-from/{nodeId}'],
  ['POST', '/workflows/webhooks/{webhookToken}'],
  ['POST', '/workflows/test-node'],
  ['GET', '/workflows/{workflowId}/logs'],
  ['GET', '/workflows/logs/recent'],
  ['GET', '/workflows/{workflowId}/logs/stats'],
  ['GET', '/workflows/vault'],
  ['POST', '/workflows/vault'],
  ['GET', '/workflows/vault/{vaultId}'],
  ['PUT', '/workflows/vault/{vaultId}'],
  ['DELETE', '/workflows/vault/{vaultId}'],
  ['GET', '/workflows/authorization'],
  ['POST', '/workflows/authorization'],
  ['DELETE', '/workflows/authorization/{authId}'],
];

/** Endpoints that exist today and must be documented. */
const REQUIRED: Array<[string, string]> = SPEC_ENDPOINTS.filter(([, path]) =>
  [
    '/workflows',
    '/workflows/validate',
    '/workflows/triggerable-workflows',
    '/workflows/{workflowId}',
    '/workflows/{workflowId}/execute',
    '/workflows/{workflowId}/executions',
    '/workflows/runs/{runId}',
    '/workflows/runs/{runId}/rerun',
    '/workflows/runs/{runId}/resume-from/{nodeId}',
    '/workflows/webhooks/{webhookToken}',
    '/workflows/{workflowId}/logs',
    '/workflows/logs/recent',
    '/workflows/{workflowId}/logs/stats',
  ].includes(path),
);

const PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'POST /workflows/webhooks/{webhookToken}',
  'GET /authorize/{token}',
  'GET /l/{code}',
  'GET /forms/{token}',
  'POST /forms/{token}',
]);

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and declares bearer security', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
  });

  it('documents every endpoint of the spec index that the server has', async () => {
    for (const [method, path] of REQUIRED) {
      expect(doc.paths[path]?.[method.toLowerCase()], `${method} ${path}`).toBeDefined();
    }
    // Any other endpoint of the index the server answers must be documented too.
    for (const [method, path] of SPEC_ENDPOINTS) {
      const res = await t.call(method, concrete(path), {
        token: null,
        ...(method === 'GET' ? {} : { body: {} }),
      });
      const exists = !['route_not_found', 'method_not_allowed'].includes(res.body?.code);
      if (exists)
        expect(doc.paths[path]?.[method.toLowerCase()], `${method} ${path} is served`).toBeDefined();
    }
  });

  it('every documented operation is served, with the security it declares', async () => {
    for (const { method, path, op } of operations()) {
      const security = op.security ?? doc.security ?? [];
      const res = await t.call(method, concrete(path), {
        token: null,
        ...(op.requestBody ? { body: {} } : {}),
      });
      expect(res.body?.code, `${method} ${path} is routed`).not.toBe('route_not_found');
      expect(res.body?.code, `${method} ${path} takes ${method}`).not.toBe('method_not_allowed');
      if (PUBLIC.has(`${method} ${path}`)) {
        expect(security, `${method} ${path} is public`).toEqual([]);
        expect(res.status, `${method} ${path} answers without a token`).not.toBe(401);
      } else {
        expect(security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
        expect(res.status, `${method} ${path} needs a token`).toBe(401);
      }
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => s.startsWith('2') || s.startsWith('3')),
        `${method} ${path} documents success`,
      ).toBe(true);
      if (!PUBLIC.has(`${method} ${path}`)) expect(statuses, `${method} ${path}`).toContain('401');
      if (op.requestBody)
        expect(statuses, `${method} ${path} reads a body`).toEqual(expect.arrayContaining(['400', '413']));
    }
  });

  it('has only $refs that resolve', () => {
    const refs: string[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          if (key === '$ref' && typeof child === 'string') refs.push(child);
          else walk(child);
        }
      }
    };
    walk(doc);
    for (const ref of refs) {
      expect(ref, 'only local refs').toMatch(/^#\//);
      let target: unknown = doc;
      for (const part of ref.slice(2).split('/')) {
        const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
        target = (target as Record<string, unknown> | undefined)?.[key];
      }
      expect(target, ref).toBeDefined();
    }
  });

  it('renders the reference at /docs and answers health checks', async () => {
    const html = await fetch(`${t.url}/docs`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    const page = await html.text();
    expect(page).toMatch(/swagger/i);
    // The page's own scripts and styles load, so it renders without reaching the internet.
    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map(
      (m) => new URL(m[1] as string, `${t.url}/docs/`),
    );
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      expect(asset.origin).toBe(t.url);
      expect((await fetch(asset)).status, asset.pathname).toBe(200);
    }
    expect((await t.call('GET', '/healthz', { token: null })).body).toEqual({ status: 'ok' });
    expect((await t.call('GET', '/readyz', { token: null })).body).toEqual({ status: 'ready' });
  });
});

/** Mulberry32: a small seeded PRNG, so a failing fuzz case can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const COMPONENTS = [
  'manual_trigger',
  'webhook_trigger',
  'scheduled_trigger',
  'text_transform',
  'json_parser',
  'delay',
  'webhook',
  'string_condition',
  'number_condition',
  'switch',
  'logical_group',
  'terminate',
];

function fuzzer(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const leaves: Array<() => Json> = [
    () => null,
    () => random() < 0.5,
    () => Math.floor(random() * 2 ** 31) * (random() < 0.5 ? -1 : 1),
    () => random() * 1e308,
    () => '',
    () => ' '.repeat(Math.floor(random() * 5)),
    () => 'x'.repeat(Math.floor(random() * 3000)),
    () => '{{ n1.value | upcase }}',
    () => '{% for x in (1..1000000) %}{{ x }}{% endfor %}',
    () => '{{',
    () => 'Zürich 🚀 \ud800 \u202e',
    () => pick(COMPONENTS),
    () => pick(['n1', 'n2', 'e1', 'true', 'false', 'error', 'default']),
    () =>
      pick([
        'interval',
        'cron',
        'daily',
        'weekly',
        'monthly',
        'manual',
        '5 minutes',
        '* * * * *',
        'Europe/Paris',
      ]),
    () => '2025-10-31T12:00:00.000000Z',
    () => [],
    () => ({}),
  ];
  const leaf = (): Json => pick(leaves)();
  const value = (depth: number): Json => {
    if (depth > 3 || random() < 0.6) return leaf();
    if (random() < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    const obj: Record<string, Json> = {};
    for (let i = Math.floor(random() * 4); i > 0; i--)
      obj[pick(['id', 'data', 'name', 'x', 'componentId'])] = value(depth + 1);
    return obj;
  };
  const clone = (v: Json): Json => JSON.parse(JSON.stringify(v));

  /** Mutates one spot of `body`: drop, replace or add a key somewhere, or change an array. */
  function mutate(body: Json): Json {
    if (body === null || typeof body !== 'object' || random() < 0.05) return value(0);
    const entries = Array.isArray(body) ? body.map((_, i) => String(i)) : Object.keys(body);
    const container = body as Record<string, Json>;
    const key =
      entries.length > 0 && random() < 0.8 ? pick(entries) : pick(['name', 'nodes', 'extra', 'context']);
    const child = container[key];
    const roll = random();
    if (child !== undefined && child !== null && typeof child === 'object' && roll < 0.5) {
      container[key] = mutate(child);
    } else if (roll < 0.65 && !Array.isArray(body)) {
      delete container[key];
    } else if (roll < 0.75 && Array.isArray(child)) {
      child.push(clone(child[0] ?? leaf()));
    } else {
      container[key] = value(0);
    }
    return body;
  }

  return {
    body(seed: Json): { raw?: string; json?: Json } {
      const roll = random();
      if (roll < 0.05) return { raw: JSON.stringify(seed).slice(0, Math.floor(random() * 40)) };
      if (roll < 0.1) return { json: value(0) };
      let body = clone(seed);
      for (let i = 1 + Math.floor(random() * 3); i > 0; i--) body = mutate(body);
      return { json: body };
    },
  };
}

const SEEDS: Record<string, Json> = {
  'POST /workflows': {
    name: 'fuzz',
    schedule_type: 'interval',
    schedule_value: '5 minutes',
    nodes: [
      { id: 'n1', type: 'manual_trigger', position: { x: 0, y: 0 }, data: { componentId: 'manual_trigger' } },
      {
        id: 'n2',
        data: { componentId: 'string_condition', value: '{{ n1.x }}', operator: 'equals', compare_to: 'a' },
      },
      { id: 'n3', data: { componentId: 'text_transform', template: 'hi', continue_on_error: true } },
      { id: 'n4', data: { componentId: 'delay', duration: 1, unit: 'seconds' } },
    ],
    edges: [
      { id: 'e1', source: 'n1', target: 'n2' },
      { id: 'e2', source: 'n2', target: 'n3', sourceHandle: 'true' },
      { id: 'e3', source: 'n3', target: 'n4', sourceHandle: 'error' },
    ],
  },
  'POST /workflows/{workflowId}/execute': { context: { name: 'ada', nested: { list: [1, 2, 3] } } },
};

function seedFor(method: string, path: string): Json {
  const key = `${method} ${path}`;
  if (SEEDS[key]) return SEEDS[key];
  if (path === '/workflows/validate' || path === '/workflows/{workflowId}')
    return SEEDS['POST /workflows'] ?? {};
  return {
    name: 'api-key:fuzz',
    secret: 's3cret',
    expires_at: '2099-01-01T00:00:00Z',
    type: 'site.created',
    data: {},
  };
}

describe('fuzzing every operation with a request body', () => {
  // STRATOFLOW_FUZZ_SEED / STRATOFLOW_FUZZ_RUNS replay a failure or fuzz longer.
  const seed = Number(process.env.STRATOFLOW_FUZZ_SEED ?? 20251031);
  const runs = Number(process.env.STRATOFLOW_FUZZ_RUNS ?? 30);
  it(`never answers 5xx to ${runs} mutated bodies per operation (seed ${seed})`, async () => {
    const random = prng(seed);
    const fuzz = fuzzer(random);
    // A form link's page answers HTML, not the JSON envelope (test/forms.test.ts covers it).
    const withBody = operations().filter(({ op, path }) => op.requestBody && !path.startsWith('/forms/'));
    expect(withBody.length).toBeGreaterThanOrEqual(4);
    const failures: string[] = [];
    const statuses = new Set<number>();
    for (const { method, path } of withBody) {
      for (let i = 0; i < runs; i++) {
        const { raw, json } = fuzz.body(seedFor(method, path));
        const rawBody = raw ?? JSON.stringify(json);
        const res = await t.call(method, concrete(path), { rawBody });
        statuses.add(res.status);
        if (res.status >= 500)
          failures.push(`${method} ${path} #${i} → ${res.status} ${res.text}\n  ${rawBody.slice(0, 400)}`);
        if (res.status >= 400) expect(res.body?.code, `${method} ${path}: ${res.text}`).toBeTypeOf('string');
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    // The mutations reach both sides: some bodies are accepted, some refused.
    expect([...statuses].some((s) => s < 300)).toBe(true);
    expect([...statuses].some((s) => s >= 400)).toBe(true);
    // Whatever the fuzz stored reads back: every workflow, its runs and logs serialize without a 5xx.
    expect((await t.call('GET', '/healthz', { token: null })).status).toBe(200);
    expect((await t.call('GET', `/workflows/runs/${runId}`)).status).toBe(200);
    const all = await t.call('GET', '/workflows');
    expect(all.status).toBe(200);
    for (const { id } of all.body as Array<{ id: string }>) {
      for (const path of [`/workflows/${id}`, `/workflows/${id}/executions`, `/workflows/${id}/logs`]) {
        expect((await t.call('GET', path)).status, path).toBe(200);
      }
    }
    expect((await t.call('GET', '/workflows/logs/recent')).status).toBe(200);
    expect((await t.call('GET', '/workflows/triggerable-workflows')).status).toBe(200);
  });
});

describe('for generators', () => {
  it('passes an OpenAPI 3.1 validator', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const result = await new Validator().validate(
      doc as unknown as Parameters<InstanceType<typeof Validator>['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives every operation a unique operationId and a tag', () => {
    const ids = operations().map(({ op }) => (op as Operation & { operationId?: string }).operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const untagged = operations().filter(({ op }) => !(op as Operation & { tags?: string[] }).tags?.length);
    expect(untagged.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('titles the API reference page "Stratoflow API"', async () => {
    const res = await t.call('GET', '/docs/static/index.html', { token: null });
    expect(res.text).toContain('<title>Stratoflow API</title>');
  });
});
