import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

/** Runs trigger → condition(true/false) → marker nodes and returns which marker ran. */
async function branch(condition: ReturnType<typeof node>, context: Record<string, unknown>) {
  const wf = await createWorkflow(t, {
    nodes: [
      node('n1', 'manual_trigger'),
      condition,
      node('yes', 'text_transform', { template: 'yes' }),
      node('no', 'text_transform', { template: 'no' }),
    ],
    edges: [edge('n1', condition.id), edge(condition.id, 'yes', 'true'), edge(condition.id, 'no', 'false')],
  });
  const run = await executeAndWait(t, wf.id, context);
  expect(run.status, run.error_message).toBe('completed');
  return run.logs.at(-1).node_id as string;
}

describe('condition nodes through the API', () => {
  it('string, number, boolean, date and array conditions pick their handle', async () => {
    const s = node('c', 'string_condition', {
      value: '{{ n1.email }}',
      operator: 'ends_with',
      compare_to: '@example.com',
    });
    expect(await branch(s, { email: 'a@example.com' })).toBe('yes');
    expect(await branch(s, { email: 'a@other.org' })).toBe('no');
    const n = node('c', 'number_condition', {
      value: '{{ n1.x }}',
      operator: 'between',
      compare_to: '1',
      compare_to_end: '10',
    });
    expect(await branch(n, { x: 5 })).toBe('yes');
    expect(await branch(n, { x: 50 })).toBe('no');
    const b = node('c', 'boolean_condition', { value: '{{ n1.flag }}', operator: 'is_true' });
    expect(await branch(b, { flag: true })).toBe('yes');
    expect(await branch(b, { flag: false })).toBe('no');
    const d = node('c', 'date_condition', {
      value: '{{ n1.when }}',
      operator: 'is_before',
      compare_to: '2030-01-01',
    });
    expect(await branch(d, { when: '2025-10-31T12:00:00Z' })).toBe('yes');
    expect(await branch(d, { when: '2031-01-01' })).toBe('no');
    const a = node('c', 'array_condition', {
      value: '{{ n1.tags | json }}',
      operator: 'contains',
      compare_to: 'vip',
    });
    expect(await branch(a, { tags: ['new', 'vip'] })).toBe('yes');
    expect(await branch(a, { tags: [] })).toBe('no');
  });

  it('logical_group combines nested conditions with and/or', async () => {
    const group = node('c', 'logical_group', {
      operator: 'and',
      conditions: [
        { type: 'number', value: '{{ n1.amount }}', operator: 'greater_than', compare_to: '100' },
        {
          operator: 'or',
          conditions: [
            { type: 'string', value: '{{ n1.country }}', operator: 'equals', compare_to: 'NZ' },
            { type: 'boolean', value: '{{ n1.vip }}', operator: 'is_true' },
          ],
        },
      ],
    });
    expect(await branch(group, { amount: 150, country: 'NZ', vip: false })).toBe('yes');
    expect(await branch(group, { amount: 150, country: 'AU', vip: true })).toBe('yes');
    expect(await branch(group, { amount: 150, country: 'AU', vip: false })).toBe('no');
    expect(await branch(group, { amount: 50, country: 'NZ', vip: true })).toBe('no');
  });

  it('switch follows the first matching case, else default', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('sw', 'switch', {
          value: '{{ n1.event }}',
          cases: [
            { id: 'offline', operator: 'equals', compare_to: 'site.offline' },
            { id: 'site', operator: 'starts_with', compare_to: 'site.' },
          ],
        }),
        node('a', 'text_transform', { template: 'offline' }),
        node('b', 'text_transform', { template: 'other site event' }),
        node('c', 'text_transform', { template: 'default' }),
      ],
      edges: [
        edge('n1', 'sw'),
        edge('sw', 'a', 'offline'),
        edge('sw', 'b', 'site'),
        edge('sw', 'c', 'default'),
      ],
    });
    const pick = async (event: string) => (await executeAndWait(t, wf.id, { event })).logs.at(-1).output.text;
    expect(await pick('site.offline')).toBe('offline');
    expect(await pick('site.online')).toBe('other site event');
    expect(await pick('wan.offline')).toBe('default');
  });

  it('json_parser fails the run with a clear message on invalid JSON', async () => {
    const wf = await createWorkflow(t, {
      nodes: [node('n1', 'manual_trigger'), node('p', 'json_parser', { input: '{{ n1.raw }}' })],
      edges: [edge('n1', 'p')],
    });
    const ok = await executeAndWait(t, wf.id, { raw: '{"a": [1, 2]}' });
    expect(ok.logs[1].output).toEqual({ a: [1, 2] });
    const bad = await executeAndWait(t, wf.id, { raw: '{nope' });
    expect(bad.status).toBe('failed');
    expect(bad.error_message).toMatch(/^Invalid JSON/);
  });

  it('a missing variable renders empty (with a warning) and an unknown filter is refused on save', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('t', 'text_transform', { template: '[{{ n1.nothing.here }}]' }),
      ],
      edges: [edge('n1', 't')],
    });
    const log = (await executeAndWait(t, wf.id)).logs[1];
    expect(log.output.text).toBe('[]');
    expect(log.warnings).toEqual(['n1.nothing is undefined']);
    const bad = await t.call('POST', '/workflows', {
      body: {
        name: 'bad filter',
        nodes: [
          node('n1', 'manual_trigger'),
          node('t', 'text_transform', { template: '{{ n1.x | no_such_filter }}' }),
        ],
        edges: [edge('n1', 't')],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.param).toBe('nodes[1].data.template');
    expect(bad.body.message).toContain('no_such_filter');
  });
});

describe('limits on save', () => {
  it('checks a Delay against the configured STRATOFLOW_MAX_DELAY_MS', async () => {
    const body = (minutes: number) => ({
      name: 'wait',
      nodes: [node('n1', 'manual_trigger'), node('d', 'delay', { duration: minutes, unit: 'minutes' })],
      edges: [edge('n1', 'd')],
    });
    const refused = await t.call('POST', '/workflows', { body: body(30) });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('maximum delay of 900 seconds');
    const longer = await startTestServer({}, { STRATOFLOW_MAX_DELAY_MS: '3600000' });
    try {
      expect((await longer.call('POST', '/workflows', { body: body(30) })).status).toBe(201);
      expect((await longer.call('POST', '/workflows', { body: body(90) })).status).toBe(422);
    } finally {
      await longer.close();
    }
  });
});
