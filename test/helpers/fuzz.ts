/**
 * Hostile-input fuzzing driven by `/openapi.json`: every operation receives malformed requests (wrong
 * types, missing fields, huge and deep values, unicode and NUL, bad ids, bad Liquid, cyclic and huge
 * graphs, prototype keys). Deterministic for a seed. Used by test/hostile-fuzz.test.ts (fixed seed) and
 * scripts/fuzz.ts (longer runs).
 */

export interface FuzzOperation {
  method: string;
  path: string;
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  failures: string[];
  elapsedMs: number;
}

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

type Rng = ReturnType<typeof prng>;

export function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): FuzzOperation[] {
  const ops: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      if (['get', 'post', 'put', 'delete', 'patch'].includes(method))
        ops.push({ method: method.toUpperCase(), path });
    }
  }
  return ops;
}

const PROTO_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'prototype', 'valueOf'];
const STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '💥🔥\u202e\uffff',
  '\ud800',
  '../../etc/passwd',
  '%00',
  "'; DROP TABLE runs; --",
  '{{ x | nope }}',
  '{% for a in (1..1000000) %}{% for b in (1..1000) %}x{% endfor %}{% endfor %}',
  '{% if %}',
  '{{',
  '{{ vault.missing_item }}',
  'vlt_0123456789abcdef',
  'fl_00000000000000000000000000',
  'fl_run_0000000000000000000000',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  ...PROTO_KEYS,
];

function hostileString(rng: Rng, big = true): string {
  const r = rng.int(10);
  if (r === 0) return 'x'.repeat(big && rng.next() < 0.02 ? 1_100_000 : rng.pick([300, 5000]));
  if (r === 1) return String.fromCharCode(...Array.from({ length: 20 }, () => rng.int(0x10000)));
  return rng.pick(STRINGS);
}

function deep(levels: number, rng: Rng): unknown {
  let value: unknown = hostileString(rng);
  for (let i = 0; i < levels; i++) value = rng.next() < 0.5 ? [value] : { a: value };
  return value;
}

export function hostileValue(rng: Rng, depth = 0): unknown {
  const r = rng.int(14);
  if (depth > 3) return hostileString(rng);
  switch (r) {
    case 0:
      return null;
    case 1:
      return rng.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, 99999999999]);
    case 2:
      return rng.next() < 0.5;
    case 3:
      return deep(rng.pick([10, 63, 70, 200]), rng);
    case 4:
      // Long arrays only of small values, so one body stays within a few MB.
      if (depth === 0 && rng.next() < 0.3)
        return Array.from({ length: 1000 }, () => hostileString(rng, false));
      return Array.from({ length: rng.pick([0, 1, 3]) }, () => hostileValue(rng, depth + 1));
    case 5: {
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < rng.int(5); i++)
        obj[rng.pick([...PROTO_KEYS.filter((k) => k !== '__proto__'), 'a', 'data', 'id'])] = hostileValue(
          rng,
          depth + 1,
        );
      return obj;
    }
    default:
      return hostileString(rng);
  }
}

function node(rng: Rng, id: unknown, componentId: unknown): Record<string, unknown> {
  const data: Record<string, unknown> = { componentId };
  for (const key of [
    'template',
    'value',
    'operator',
    'compare_to',
    'url',
    'method',
    'items',
    'workflow_id',
    'headers',
    'retry',
    'signature',
  ]) {
    if (rng.next() < 0.25) data[key] = hostileValue(rng);
  }
  return {
    id,
    type: rng.next() < 0.8 ? componentId : hostileValue(rng),
    position: rng.next() < 0.9 ? { x: 0, y: 0 } : hostileValue(rng),
    data,
  };
}

const COMPONENTS = [
  'manual_trigger',
  'webhook_trigger',
  'text_transform',
  'string_condition',
  'switch',
  'webhook',
  'iterator',
  'delay',
  'json_parser',
  'nope',
  '',
  'constructor',
];

/** A workflow-shaped body with something wrong: cycles, huge graphs, bad nodes, bad schedules. */
export function hostileWorkflow(rng: Rng): unknown {
  const count = rng.pick([0, 1, 2, 5, 5, 60]);
  const ids = Array.from({ length: count }, (_, i) => (rng.next() < 0.1 ? rng.pick(PROTO_KEYS) : `n${i}`));
  const nodes = ids.map((id, i) =>
    node(
      rng,
      id,
      i === 0
        ? rng.pick(['manual_trigger', 'webhook_trigger', 'sync_request_trigger'])
        : rng.pick(COMPONENTS),
    ),
  );
  const edges: unknown[] = [];
  for (let i = 1; i < count; i++)
    edges.push({
      id: `e${i}`,
      source: ids[i - 1],
      target: ids[i],
      ...(rng.next() < 0.2 ? { sourceHandle: hostileString(rng) } : {}),
    });
  if (count > 1 && rng.next() < 0.5) edges.push({ id: 'cycle', source: ids[count - 1], target: ids[0] });
  const body: Record<string, unknown> = {
    name: rng.next() < 0.9 ? hostileString(rng) : hostileValue(rng),
    nodes,
    edges,
  };
  if (rng.next() < 0.3) body.schedule_type = rng.pick(['interval', 'cron', 'daily', 'bogus', 5]);
  if (rng.next() < 0.3) body.schedule_value = hostileValue(rng);
  if (rng.next() < 0.2) body.is_active = hostileValue(rng);
  if (rng.next() < 0.2) delete body[rng.pick(['name', 'nodes', 'edges'])];
  return body;
}

/** URL-encodes, replacing lone surrogates (which encodeURIComponent refuses) first. */
function safeEncode(text: string): string {
  return encodeURIComponent(
    text.replace(/[\ud800-\udfff]/g, (c, i: number, all: string) => {
      const code = c.charCodeAt(0);
      const pairOk =
        code < 0xdc00 ? /[\udc00-\udfff]/.test(all[i + 1] ?? '') : /[\ud800-\udbff]/.test(all[i - 1] ?? '');
      return pairOk ? c : '\ufffd';
    }),
  );
}

/** One hostile request for `op`: path, headers and raw body text. */
export function hostileRequest(rng: Rng, op: FuzzOperation, known: { workflowId: string; runId: string }) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const r = rng.int(6);
    if (r === 0 && name === 'workflowId') return known.workflowId;
    if (r === 0 && name === 'runId') return known.runId;
    if (r === 1) return 'x'.repeat(rng.pick([1, 300, 5000]));
    return safeEncode(hostileString(rng).slice(0, 3000)) || '%20';
  });
  const query =
    rng.next() < 0.2
      ? `?page=${safeEncode(hostileString(rng).slice(0, 50))}&per_page=-5&status=${rng.pick(PROTO_KEYS)}`
      : '';
  let body: string | undefined;
  let contentType = 'application/json';
  if (op.method !== 'GET' && op.method !== 'DELETE') {
    const r = rng.int(12);
    if (r === 0) body = '{"unterminated": ';
    else if (r === 1) body = `${'['.repeat(5000)}`;
    else if (r === 2) body = '{"__proto__": {"x": 1}}';
    else if (r === 3) {
      contentType = rng.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data',
      ]);
      body = '__proto__=1&constructor=2&a=%00';
    } else if (r <= 6) body = JSON.stringify(hostileWorkflow(rng));
    else if (r === 7)
      body = JSON.stringify({
        node: node(rng, hostileString(rng), rng.pick(COMPONENTS)),
        context: hostileValue(rng),
      });
    else body = JSON.stringify(hostileValue(rng));
  }
  return { path: `${path}${query}`, contentType, body };
}

/** Checks one answer: below 500, and errors in the envelope. Returns a problem sentence or null. */
export function answerProblem(status: number, text: string, contentType: string | null): string | null {
  if (status >= 500) return `status ${status}: ${text.slice(0, 200)}`;
  if (status < 400) return null;
  if (!contentType?.includes('application/json')) return `status ${status} without a JSON envelope`;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    for (const key of ['type', 'code', 'message', 'doc_url']) {
      if (typeof body[key] !== 'string')
        return `status ${status}: envelope without ${key}: ${text.slice(0, 200)}`;
    }
  } catch {
    return `status ${status}: body is not JSON`;
  }
  return null;
}

/** Sends `total` hostile requests (`concurrency` at a time) and collects problems. */
export async function fuzz(options: {
  baseUrl: string;
  token: string;
  seed: number;
  total: number;
  concurrency: number;
  known: { workflowId: string; runId: string };
}): Promise<FuzzReport> {
  const doc = (await (await fetch(`${options.baseUrl}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const ops = operationsOf(doc);
  const rng = prng(options.seed);
  const byStatus: Record<string, number> = {};
  const failures: string[] = [];
  const started = performance.now();
  let sent = 0;
  async function lane() {
    while (sent < options.total) {
      sent += 1;
      const op = rng.pick(ops);
      const req = hostileRequest(rng, op, options.known);
      // Header values must be visible ASCII for fetch to send them at all.
      const junk =
        hostileString(rng)
          .slice(0, 500)
          .replace(/[^\x21-\x7e]/g, 'x') || 'x';
      const auth =
        rng.next() < 0.9
          ? `Bearer ${options.token}`
          : rng.pick(['', 'Bearer', `Bearer ${junk}`, 'Basic Og==']);
      const headers: Record<string, string> = {};
      if (auth) headers.authorization = auth;
      if (req.body !== undefined) headers['content-type'] = req.contentType;
      try {
        const res = await fetch(`${options.baseUrl}${req.path}`, {
          method: op.method,
          headers,
          body: req.body,
        });
        const text = await res.text();
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        // The sign-in confirmation, form-link and short-link pages are HTML for browsers, their errors too.
        const html =
          /^\/(authorize|forms|l)\//.test(op.path) && res.headers.get('content-type')?.includes('text/html');
        const problem = html
          ? res.status >= 500
            ? `status ${res.status}`
            : null
          : answerProblem(res.status, text, res.headers.get('content-type'));
        if (problem) failures.push(`${op.method} ${req.path.slice(0, 120)}: ${problem}`);
      } catch (error) {
        failures.push(`${op.method} ${req.path.slice(0, 120)}: transport error ${(error as Error).message}`);
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return { requests: sent, byStatus, failures, elapsedMs: performance.now() - started };
}
