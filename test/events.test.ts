import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node, waitForRun } from './helpers/workflows.js';

/** Platform events over HTTP: `POST /workflows/events` starts the org's matching active workflows. */
const EVENTS: Array<[string, string]> = [
  ['site.offline', 'site_offline'],
  ['site.online', 'site_online'],
  ['site.added', 'site_added'],
  ['site.removed', 'site_removed'],
  ['wan.offline', 'wan_offline'],
  ['wan.online', 'wan_online'],
  ['wan.packet_loss_started', 'wan_packet_loss'],
  ['wan.packet_loss_resolved', 'wan_packet_loss_resolved'],
];

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

function onEvent(componentId: string, extra: Record<string, unknown> = {}) {
  return {
    ...extra,
    nodes: [
      node('n1', componentId),
      node('n2', 'text_transform', {
        template: '{{ n1.event_type }}: {{ n1.site_id }} ({{ n1.data.name }})',
      }),
    ],
    edges: [edge('n1', 'n2')],
  };
}

async function publish(body: unknown, options: { org?: string; headers?: Record<string, string> } = {}) {
  return t.call('POST', '/workflows/events', { body, ...options });
}

async function runIdsOf(workflowId: string, org = 'org_a') {
  const res = await t.call('GET', `/workflows/${workflowId}/executions`, { org });
  return res.body.data.map((r: { id: string }) => r.id) as string[];
}

describe('platform events', () => {
  it('starts every active workflow of the org with the matching trigger, the event as its output', async () => {
    const first = await createWorkflow(t, onEvent('site_offline'));
    const second = await createWorkflow(t, onEvent('site_offline'));
    const inactive = await createWorkflow(t, onEvent('site_offline', { is_active: false }));
    const otherTrigger = await createWorkflow(t, onEvent('site_online'));
    const otherOrg = await createWorkflow(t, onEvent('site_offline'), 'org_b');

    const data = { site_id: 'site_42', name: 'HQ', since: '2030-01-01T00:00:00Z' };
    const res = await publish({ type: 'site.offline', data });
    expect(res.status).toBe(202);
    expect(res.body.run_ids).toHaveLength(2);

    const [firstRun] = await runIdsOf(first.id);
    const [secondRun] = await runIdsOf(second.id);
    expect([...res.body.run_ids].sort()).toEqual([firstRun, secondRun].sort());
    expect(await runIdsOf(inactive.id)).toEqual([]);
    expect(await runIdsOf(otherTrigger.id)).toEqual([]);
    expect(await runIdsOf(otherOrg.id, 'org_b')).toEqual([]);

    const run = await waitForRun(t, firstRun ?? '');
    expect(run.status).toBe('completed');
    expect(run.trigger_payload).toEqual({ event_type: 'site.offline', data });
    expect(run.logs[0].output).toEqual({
      trigger_type: 'event',
      run_id: firstRun,
      workflow_id: first.id,
      event_type: 'site.offline',
      data,
      ...data,
    });
    expect(run.logs[1].output.text).toBe('site.offline: site_42 (HQ)');
  });

  it('maps each event type to its trigger component', async () => {
    const workflows = new Map<string, string>();
    for (const [, componentId] of EVENTS) {
      workflows.set(componentId, (await createWorkflow(t, onEvent(componentId), 'org_map')).id);
    }
    for (const [type, componentId] of EVENTS) {
      const res = await publish({ type, data: { site_id: type } }, { org: 'org_map' });
      expect(res.status, type).toBe(202);
      expect(res.body.run_ids, type).toHaveLength(1);
      expect(await runIdsOf(workflows.get(componentId) ?? '', 'org_map'), type).toEqual(res.body.run_ids);
    }
  });

  it('answers 202 with no runs when nothing listens, and data is optional', async () => {
    const res = await publish({ type: 'wan.online' }, { org: 'org_quiet' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ run_ids: [] });
  });

  it('event data cannot overwrite the trigger’s own fields', async () => {
    const wf = await createWorkflow(t, onEvent('wan_offline'), 'org_keys');
    const data = {
      run_id: 'spoofed',
      workflow_id: 'spoofed',
      trigger_type: 'x',
      event_type: 'x',
      iface: 'ether1',
    };
    const res = await publish({ type: 'wan.offline', data }, { org: 'org_keys' });
    const run = await waitForRun(t, res.body.run_ids[0], { org: 'org_keys' });
    expect(run.logs[0].output).toMatchObject({
      trigger_type: 'event',
      run_id: run.id,
      workflow_id: wf.id,
      event_type: 'wan.offline',
      iface: 'ether1',
      data,
    });
  });

  it('rejects an unknown type with 422 listing the known ones, and malformed bodies', async () => {
    const unknown = await publish({ type: 'site.exploded' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'event_type_unknown', param: 'type' });
    for (const [type] of EVENTS) expect(unknown.body.message).toContain(type);

    const missing = await publish({ data: {} });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'parameter_missing', param: 'type' });

    const badData = await publish({ type: 'site.online', data: ['not', 'an', 'object'] });
    expect(badData.status).toBe(422);
    expect(badData.body).toMatchObject({ code: 'parameter_invalid', param: 'data' });

    const notJson = await t.call('POST', '/workflows/events', { rawBody: '{"type":' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.code).toBe('invalid_json');
  });

  it('requires a bearer token', async () => {
    const anonymous = await t.call('POST', '/workflows/events', {
      body: { type: 'site.online' },
      token: null,
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('authentication_required');
  });

  it('with an Idempotency-Key, a retried delivery returns the first delivery’s runs', async () => {
    const wf = await createWorkflow(t, onEvent('site_added'), 'org_retry');
    const headers = { 'idempotency-key': 'delivery-123' };
    const body = { type: 'site.added', data: { site_id: 's1' } };
    const first = await publish(body, { org: 'org_retry', headers });
    const retry = await publish(body, { org: 'org_retry', headers });
    expect(first.status).toBe(202);
    expect(retry.body.run_ids).toEqual(first.body.run_ids);
    expect(await runIdsOf(wf.id, 'org_retry')).toEqual(first.body.run_ids);
    const fresh = await publish(body, { org: 'org_retry' });
    expect(fresh.body.run_ids).not.toEqual(first.body.run_ids);
  });

  it('an event workflow can be tried with execute: the context stands in for the event data', async () => {
    const wf = await createWorkflow(t, onEvent('wan_packet_loss'), 'org_try');
    const run = await executeAndWait(t, wf.id, { site_id: 'site_7', loss_percent: 12 }, 'org_try');
    expect(run.status).toBe('completed');
    expect(run.logs[0].output).toMatchObject({
      trigger_type: 'event',
      event_type: 'wan.packet_loss_started',
      data: { site_id: 'site_7', loss_percent: 12 },
      site_id: 'site_7',
    });
  });
});
