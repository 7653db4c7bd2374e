import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, node } from './helpers/workflows.js';

/** Webhook authenticity: each scheme with a good, a bad, a stale and a replayed delivery. */
let t: TestServer;
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
beforeAll(async () => {
  t = await startTestServer();
  expect(
    (await t.call('POST', '/workflows/vault', { body: { name: 'signing', secret: SECRET } })).status,
  ).toBe(201);
});
afterAll(async () => t.close());

const hmac = (alg: string, key: Buffer | string, content: string, enc: 'hex' | 'base64') =>
  createHmac(alg, key).update(content).digest(enc);
const now = () => Math.floor(Date.now() / 1000);

/** Webhook path → its workflow's id (a listed workflow's URL is masked). */
const workflowOfPath = new Map<string, string>();

async function hook(data: Record<string, unknown>) {
  const wf = await createWorkflow(t, {
    nodes: [node('n1', 'webhook_trigger', data)],
    edges: [],
    is_active: true,
  });
  const path = new URL(wf.webhook_url).pathname;
  workflowOfPath.set(path, wf.id);
  return path;
}

async function deliver(path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

/** A workflow's run count, and its runs (id, status, time) for the assertion's message when it is off. */
async function runsOf(path: string) {
  const workflowId = workflowOfPath.get(path) as string;
  const runs = (await t.call('GET', `/workflows/${workflowId}/executions`)).body;
  const listed = runs.data.map((r: { id: string; status: string; created_at: string }) =>
    [r.id, r.status, r.created_at].join(' '),
  );
  return { total: runs.meta.total as number, listed: JSON.stringify(listed) };
}

type Signer = (body: string, at: number, id: string) => Record<string, string>;

const schemes: Array<[string, Record<string, unknown>, Signer]> = [
  [
    'standard-webhooks',
    { scheme: 'standard-webhooks', secret: 'signing' },
    (body, at, id) => ({
      'webhook-id': id,
      'webhook-timestamp': String(at),
      'webhook-signature': `v1,${hmac('sha256', Buffer.from(SECRET.slice(6), 'base64'), `${id}.${at}.${body}`, 'base64')}`,
    }),
  ],
  [
    'github',
    { scheme: 'github', secret: 'signing' },
    (body, _at, id) => ({
      'x-github-delivery': id,
      'x-hub-signature-256': `sha256=${hmac('sha256', SECRET, body, 'hex')}`,
    }),
  ],
  [
    'stripe',
    { scheme: 'stripe', secret: 'signing' },
    (body, at) => ({ 'stripe-signature': `t=${at},v1=${hmac('sha256', SECRET, `${at}.${body}`, 'hex')}` }),
  ],
  [
    'hmac',
    {
      scheme: 'hmac',
      secret: 'signing',
      header: 'x-signature',
      algorithm: 'sha512',
      encoding: 'base64',
      prefix: 'sig=',
      timestamp_header: 'x-timestamp',
      id_header: 'x-delivery',
    },
    (body, at, id) => ({
      'x-signature': `sig=${hmac('sha512', SECRET, `${at}.${body}`, 'base64')}`,
      'x-timestamp': String(at),
      'x-delivery': id,
    }),
  ],
];

describe.each(schemes)('%s signatures', (scheme, signature, sign) => {
  it('accepts a good delivery once; refuses bad, stale and replayed ones with no run started', async () => {
    const path = await hook({ signature });
    const body = JSON.stringify({ event: 'ping', n: Math.random() });
    const id = `dlv_${randomBytes(6).toString('hex')}`;

    const goodHeaders = sign(body, now(), id);
    const good = await deliver(path, body, goodHeaders);
    expect(good.status, JSON.stringify(good.body)).toBe(202);
    expect(good.body.run_id).toMatch(/^fl_run_/);

    const tampered = await deliver(path, body.replace('ping', 'pong'), sign(body, now(), `${id}x`));
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe('webhook_signature_invalid');
    const unsigned = await deliver(path, body, {});
    expect(unsigned.status).toBe(401);

    const replay = await deliver(path, body, goodHeaders);
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('webhook_replayed');

    if (scheme === 'github') {
      // GitHub signs no timestamp: an old delivery replayed is caught by its delivery id.
      const old = await deliver(path, body, sign(body, 0, id));
      expect(old.status).toBe(409);
    } else {
      const stale = await deliver(path, body, sign(body, now() - 600, `${id}-stale`));
      expect(stale.status).toBe(401);
      expect(stale.body.message).toMatch(/replay window of 300 seconds/);
    }
    // Only the accepted deliveries started runs.
    const runs = await runsOf(path);
    expect(runs.total, runs.listed).toBe(1);
  });
});

describe('delivery-id dedupe without a signature', () => {
  it('a repeated delivery id answers with the first run and starts nothing new', async () => {
    const path = await hook({ dedupe_header: 'x-delivery-id' });
    const first = await deliver(path, '{"a":1}', { 'x-delivery-id': 'abc-1' });
    const again = await deliver(path, '{"a":2}', { 'x-delivery-id': 'abc-1' });
    const other = await deliver(path, '{"a":3}', { 'x-delivery-id': 'abc-2' });
    expect(first.status).toBe(202);
    expect(again).toEqual({ status: 202, body: { run_id: first.body.run_id } });
    expect(other.body.run_id).not.toBe(first.body.run_id);
  });
});

describe('configuration', () => {
  it('a missing signing secret refuses deliveries with 401; a bad config is refused at save', async () => {
    const path = await hook({ signature: { scheme: 'github', secret: 'nope_missing' } });
    const res = await deliver(path, '{}', { 'x-hub-signature-256': 'sha256=00' });
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/vault item 'nope_missing'/);
    const bad = await t.call('POST', '/workflows', {
      body: {
        name: 'x',
        nodes: [node('n1', 'webhook_trigger', { signature: { scheme: 'hmac', secret: 's' } })],
        edges: [],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.param).toBe('nodes[0].data.signature.header');
  });
});
