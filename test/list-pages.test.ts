import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL, startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/** One style for lists: `page`/`per_page` everywhere, the spec's shape for each list, absolute links. */
let t: TestServer;
const ORG = 'org_lists';
let workflowIds: string[] = [];
beforeAll(async () => {
  t = await startTestServer();
  workflowIds = [];
  for (let i = 0; i < 17; i++) {
    const created = await createWorkflow(
      t,
      {
        name: `w${String(i).padStart(2, '0')}`,
        nodes: [node('n1', 'manual_trigger'), node('n2', 'text_transform', { template: 'hi {{ n1.name }}' })],
        edges: [edge('n1', 'n2')],
      },
      ORG,
    );
    workflowIds.push(created.id);
  }
});
afterAll(async () => t.close());

describe('GET /workflows', () => {
  it('answers the hosted API’s bare array of every workflow when no page is asked for', async () => {
    const res = await t.call('GET', '/workflows', { org: ORG });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body).toHaveLength(17);
    expect(res.body[0].nodes).toBeUndefined();
  });

  it('answers a Laravel paginator with absolute links when page or per_page is given', async () => {
    const first = await t.call('GET', '/workflows?per_page=5', { org: ORG });
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(5);
    expect(first.body.meta).toEqual({
      current_page: 1,
      from: 1,
      last_page: 4,
      path: `${PUBLIC_URL}/workflows`,
      per_page: 5,
      to: 5,
      total: 17,
    });
    expect(first.body.links).toEqual({
      first: `${PUBLIC_URL}/workflows?page=1&per_page=5`,
      last: `${PUBLIC_URL}/workflows?page=4&per_page=5`,
      prev: null,
      next: `${PUBLIC_URL}/workflows?page=2&per_page=5`,
    });
    const byDefault = await t.call('GET', '/workflows?page=2', { org: ORG });
    expect(byDefault.body.meta).toMatchObject({ current_page: 2, per_page: 15, from: 16, to: 17, total: 17 });
    const seen = new Set<string>();
    for (let page = 1; page <= 4; page++) {
      const res = await t.call('GET', `/workflows?page=${page}&per_page=5`, { org: ORG });
      for (const w of res.body.data) seen.add(w.id);
    }
    expect([...seen].sort()).toEqual([...workflowIds].sort());
  });

  it('refuses per_page above 100 and page 0 with a 422 naming the parameter', async () => {
    const tooMany = await t.call('GET', '/workflows?per_page=101', { org: ORG });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.param).toBe('per_page');
    const zero = await t.call('GET', '/workflows?page=0', { org: ORG });
    expect(zero.status).toBe(422);
    expect(zero.body.param).toBe('page');
  });
});

describe('array-shaped lists', () => {
  it('stay arrays; a page of them carries X-Total-Count and absolute Link URLs', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.call('POST', '/workflows/vault', {
        org: ORG,
        body: { name: `secret-${i}`, secret: 'value' },
      });
      expect(res.status).toBe(201);
    }
    const all = await t.call('GET', '/workflows/vault', { org: ORG });
    expect(all.body).toHaveLength(3);
    expect(all.headers.get('x-total-count')).toBeNull();
    const page = await t.call('GET', '/workflows/vault?page=2&per_page=2', { org: ORG });
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(1);
    expect(page.headers.get('x-total-count')).toBe('3');
    expect(page.headers.get('link')).toBe(
      [
        `<${PUBLIC_URL}/workflows/vault?page=1&per_page=2>; rel="first"`,
        `<${PUBLIC_URL}/workflows/vault?page=1&per_page=2>; rel="prev"`,
        `<${PUBLIC_URL}/workflows/vault?page=2&per_page=2>; rel="last"`,
      ].join(', '),
    );
    const triggerable = await t.call('GET', '/workflows/triggerable-workflows?per_page=1', { org: ORG });
    expect(triggerable.status).toBe(200);
    expect(Array.isArray(triggerable.body)).toBe(true);
    const components = await t.call('GET', '/components?per_page=3', { org: ORG });
    expect(components.body).toHaveLength(3);
    expect(Number(components.headers.get('x-total-count'))).toBeGreaterThan(3);
    const auths = await t.call('GET', '/workflows/authorization?page=1', { org: ORG });
    expect(auths.status).toBe(200);
    expect(auths.headers.get('x-total-count')).toBe('0');
  });

  it('logs/recent keeps the newest `limit` entries; workflow logs default to 15 a page', async () => {
    const [a, b, c] = workflowIds as [string, string, string];
    for (const id of [a, b, c]) await executeAndWait(t, id, { name: 'Ada' }, ORG);
    const recent = await t.call('GET', '/workflows/logs/recent', { org: ORG });
    expect(recent.body.map((l: { workflow_id: string }) => l.workflow_id)).toEqual([c, b, a]);
    const limited = await t.call('GET', '/workflows/logs/recent?limit=2', { org: ORG });
    expect(limited.body.map((l: { workflow_id: string }) => l.workflow_id)).toEqual([c, b]);
    const refused = await t.call('GET', '/workflows/logs/recent?limit=0', { org: ORG });
    expect(refused.status).toBe(422);
    expect(refused.body.param).toBe('limit');
    for (let i = 0; i < 8; i++) await executeAndWait(t, a, { name: `n${i}` }, ORG);
    const logs = await t.call('GET', `/workflows/${a}/logs?status=success`, { org: ORG });
    expect(logs.body).toHaveLength(15);
    expect(logs.headers.get('x-total-count')).toBe('18');
    expect(logs.headers.get('link')).toContain(
      `<${PUBLIC_URL}/workflows/${a}/logs?status=success&page=2&per_page=15>; rel="next"`,
    );
  });
});

describe('run lists', () => {
  it('leave trigger payloads out unless include=trigger_payload; the run endpoint has them', async () => {
    const id = workflowIds[5] as string;
    const big = 'x'.repeat(200_000);
    const run = await executeAndWait(t, id, { name: 'Ada', big }, ORG);
    for (const path of [`/workflows/${id}/executions`, `/workflows/runs?workflow_id=${id}`]) {
      const page = await t.call('GET', path, { org: ORG });
      expect(page.status).toBe(200);
      expect(page.body.data[0].id).toBe(run.id);
      expect(page.body.data[0]).not.toHaveProperty('trigger_payload');
      expect(page.text.length).toBeLessThan(10_000);
      const sep = path.includes('?') ? '&' : '?';
      const full = await t.call('GET', `${path}${sep}include=trigger_payload`, { org: ORG });
      expect(full.body.data[0].trigger_payload).toEqual({ name: 'Ada', big });
      expect(full.body.links.first).toContain('include=trigger_payload');
    }
    const one = await t.call('GET', `/workflows/runs/${run.id}`, { org: ORG });
    expect(one.body.trigger_payload.big).toBe(big);
  });
});
