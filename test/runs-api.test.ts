import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { startTarget, type Target } from './helpers/target.js';
import { createWorkflow, edge, executeAndWait, node, waitForRun } from './helpers/workflows.js';

let t: TestServer;
let target: Target;
beforeAll(async () => {
  t = await startTestServer({ httpAllowedCidrs: '127.0.0.0/8' });
  target = await startTarget();
});
afterAll(async () => {
  await t.close();
  await target.close();
});

describe('runs', () => {
  it('executes a chain with templates and records ordered logs', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'text_transform', {
          template: 'Hello {{ n1.user.name | upcase }} ({{ trigger.run_id }})',
        }),
        node('n3', 'json_parser', { input: '{"greeting": {{ n2.text | json }}}' }),
      ],
      edges: [edge('n1', 'n2'), edge('n2', 'n3')],
    });
    const run = await executeAndWait(t, wf.id, { user: { name: 'ada' } });
    expect(run.status).toBe('completed');
    expect(run.logs.map((l: { node_id: string }) => l.node_id)).toEqual(['n1', 'n2', 'n3']);
    expect(run.logs[0].output).toMatchObject({
      trigger_type: 'manual',
      run_id: run.id,
      workflow_id: wf.id,
      user: { name: 'ada' },
    });
    expect(run.logs[1].output.text).toBe(`Hello ADA (${run.id})`);
    expect(run.logs[2].output).toEqual({ greeting: `Hello ADA (${run.id})` });
    expect(run.logs[2].id).toMatch(/^fl_log_[0-9a-z]{26}$/);
    expect(run.completed_at).not.toBeNull();
  });

  it('branches on a condition and skips the dead path, joining afterwards', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('c', 'number_condition', {
          value: '{{ n1.amount }}',
          operator: 'greater_than',
          compare_to: '100',
        }),
        node('big', 'text_transform', { template: 'big' }),
        node('small', 'text_transform', { template: 'small' }),
        node('join', 'text_transform', { template: '{{ big.text }}{{ small.text }}' }),
      ],
      edges: [
        edge('n1', 'c'),
        edge('c', 'big', 'true'),
        edge('c', 'small', 'false'),
        edge('big', 'join'),
        edge('small', 'join'),
      ],
    });
    const run = await executeAndWait(t, wf.id, { amount: 150 });
    expect(run.status).toBe('completed');
    const ids = run.logs.map((l: { node_id: string }) => l.node_id);
    expect(ids).toEqual(['n1', 'c', 'big', 'join']);
    expect(run.logs[3].output.text).toBe('big');
  });

  it('runs fan-out branches concurrently and joins when both finish', async () => {
    target.respond('/slow-a', 200, { a: 1 });
    target.respond('/slow-b', 200, { b: 2 });
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('a', 'webhook', { method: 'GET', url: `${target.url}/slow-a` }),
        node('b', 'webhook', { method: 'GET', url: `${target.url}/slow-b` }),
        node('join', 'text_transform', { template: '{{ a.body.a }}+{{ b.body.b }}' }),
      ],
      edges: [edge('n1', 'a'), edge('n1', 'b'), edge('a', 'join'), edge('b', 'join')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('completed');
    expect(run.logs).toHaveLength(4);
    expect(run.logs.at(-1).output.text).toBe('1+2');
  });

  it('fails a run on a 503 with the documented message, then a re-run succeeds', async () => {
    target.respond('/flaky', 503, undefined);
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'webhook', {
          method: 'POST',
          url: `${target.url}/flaky`,
          body: '{"run": "{{ n1.run_id }}"}',
        }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const failed = await executeAndWait(t, wf.id, { k: 'v' });
    expect(failed.status).toBe('failed');
    expect(failed.error_message).toBe('Webhook request failed: 503 Service Unavailable');
    expect(failed.failed_node_id).toBe('n2');
    const sent = target.received.filter((r) => r.path === '/flaky').at(-1);
    expect(sent?.headers['idempotency-key']).toBe(`${failed.id}.n2`);
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ run: failed.id });

    target.respond('/flaky', 200, { fine: true });
    const rerun = await t.call('POST', `/workflows/runs/${failed.id}/rerun`);
    expect(rerun.status).toBe(202);
    expect(rerun.body.message).toBe('Workflow re-run initiated successfully.');
    expect(rerun.body.original_run_id).toBe(failed.id);
    const done = await waitForRun(t, rerun.body.new_run.id);
    expect(done.status).toBe('completed');
    expect(done.logs[0].output.k).toBe('v');
    expect(done.logs[1].output).toMatchObject({ status: 200, body: { fine: true } });
    expect(done.original_run_id).toBe(failed.id);
  });

  it('resumes after a node without calling it again', async () => {
    target.respond('/step1', 200, { token: 't-1' });
    target.respond('/step2', 500, { error: 'down' });
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'webhook', { method: 'POST', url: `${target.url}/step1`, body: '{}' }),
        node('n3', 'webhook', {
          method: 'POST',
          url: `${target.url}/step2`,
          body: '{"t": "{{ n2.body.token }}"}',
        }),
      ],
      edges: [edge('n1', 'n2'), edge('n2', 'n3')],
    });
    const failed = await executeAndWait(t, wf.id);
    expect(failed.status).toBe('failed');
    expect(target.count('/step1')).toBe(1);

    const notYet = await t.call('POST', `/workflows/runs/${failed.id}/resume-from/n3`);
    expect(notYet.status).toBe(422);
    expect(notYet.body.code).toBe('node_not_resumable');

    target.respond('/step2', 200, { ok: 1 });
    const resumed = await t.call('POST', `/workflows/runs/${failed.id}/resume-from/n2`);
    expect(resumed.status).toBe(202);
    expect(resumed.body.message).toBe("Workflow resumed successfully from node 'n2'.");
    const done = await waitForRun(t, resumed.body.new_run.id);
    expect(done.status).toBe('completed');
    expect(done.resumed_from_node_id).toBe('n2');
    expect(done.logs.map((l: { node_id: string }) => l.node_id)).toEqual(['n3']);
    expect(target.count('/step1')).toBe(1);
    const lastStep2 = target.received.filter((r) => r.path === '/step2').at(-1);
    expect(JSON.parse(lastStep2?.body ?? '{}')).toEqual({ t: 't-1' });

    const again = await t.call('POST', `/workflows/runs/${done.id}/resume-from/n2`);
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('run_not_resumable');
  });

  it('follows the error handle with continue_on_error', async () => {
    target.respond('/broken', 500, { e: 1 });
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'webhook', { method: 'GET', url: `${target.url}/broken`, continue_on_error: true }),
        node('ok', 'text_transform', { template: 'ok' }),
        node('compensate', 'text_transform', { template: 'handled: {{ n2.error }} / e={{ n2.body.e }}' }),
      ],
      edges: [edge('n1', 'n2'), edge('n2', 'ok'), edge('n2', 'compensate', 'error')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('completed');
    expect(run.logs.map((l: { node_id: string; status: string }) => `${l.node_id}:${l.status}`)).toEqual([
      'n1:success',
      'n2:error',
      'compensate:success',
    ]);
    expect(run.logs[1].output).toMatchObject({ code: 'http_request_failed', status: 500, body: { e: 1 } });
    expect(run.logs[2].output.text).toBe('handled: Webhook request failed: 500 Internal Server Error / e=1');
  });

  it('retries a failing node with back-off and records each attempt', async () => {
    target.respond('/retry', 503, undefined);
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'webhook', {
          method: 'GET',
          url: `${target.url}/retry`,
          retry: { max_attempts: 5, backoff_seconds: 0.3, factor: 2 },
        }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const res = await t.call('POST', `/workflows/${wf.id}/execute`, { body: {} });
    const first = await waitForRun(t, res.body.id, { until: (r) => (r.logs as unknown[]).length >= 2 });
    expect(first.logs[1]).toMatchObject({ status: 'error', attempt: 1 });
    target.respond('/retry', 200, { finally: true });
    const run = await waitForRun(t, res.body.id);
    expect(run.status).toBe('completed');
    const attempts = run.logs.filter((l: { node_id: string }) => l.node_id === 'n2');
    expect(attempts.at(-1)).toMatchObject({ status: 'success' });
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.map((l: { attempt: number }) => l.attempt)).toEqual(
      attempts.map((_: unknown, i: number) => i + 1),
    );
    // One request per attempt: a retry is a new attempt, never a duplicate call.
    expect(target.count('/retry')).toBe(attempts.length);
  });

  it('terminates a run as failed with its message', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'terminate', { status: 'failed', message: 'Stopped: {{ n1.why }}' }),
        node('n3', 'text_transform', { template: 'never' }),
      ],
      edges: [edge('n1', 'n2'), edge('n2', 'n3')],
    });
    const run = await executeAndWait(t, wf.id, { why: 'policy' });
    expect(run.status).toBe('failed');
    expect(run.error_message).toBe('Stopped: policy');
    expect(run.logs).toHaveLength(2);
  });

  it('parks a run in a delay and completes it after the wait', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('d', 'delay', { duration: 1, unit: 'seconds' }),
        node('n3', 'text_transform', { template: 'after' }),
      ],
      edges: [edge('n1', 'd'), edge('d', 'n3')],
    });
    const started = Date.now();
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('completed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(run.logs.map((l: { node_id: string }) => l.node_id)).toEqual(['n1', 'd', 'n3']);
  });

  it('replays an Idempotency-Key and lists runs newest first with the Laravel paginator', async () => {
    const wf = await createWorkflow(t, { nodes: [node('n1', 'manual_trigger')], edges: [] });
    const headers = { 'idempotency-key': 'key-123' };
    const a = await t.call('POST', `/workflows/${wf.id}/execute`, { body: { context: {} }, headers });
    const b = await t.call('POST', `/workflows/${wf.id}/execute`, { body: { context: {} }, headers });
    expect(a.status).toBe(202);
    expect(a.body.status).toBe('pending');
    expect(b.body.id).toBe(a.body.id);
    const c = await t.call('POST', `/workflows/${wf.id}/execute`);
    expect(c.status).toBe(202);
    const list = await t.call('GET', `/workflows/${wf.id}/executions?per_page=1`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].id).toBe(c.body.id);
    expect(list.body.meta).toMatchObject({
      current_page: 1,
      per_page: 1,
      total: 2,
      last_page: 2,
      from: 1,
      to: 1,
    });
    expect(list.body.links.next).toContain('page=2');
    const tooBig = await t.call('GET', `/workflows/${wf.id}/executions?per_page=101`);
    expect(tooBig.status).toBe(422);
  });

  it('hides other orgs runs and workflows', async () => {
    const wf = await createWorkflow(t, { nodes: [node('n1', 'manual_trigger')], edges: [] });
    const run = await executeAndWait(t, wf.id);
    for (const [method, path] of [
      ['GET', `/workflows/runs/${run.id}`],
      ['POST', `/workflows/runs/${run.id}/rerun`],
      ['POST', `/workflows/runs/${run.id}/resume-from/n1`],
      ['POST', `/workflows/${wf.id}/execute`],
      ['GET', `/workflows/${wf.id}/executions`],
      ['GET', `/workflows/${wf.id}/logs`],
      ['GET', `/workflows/${wf.id}/logs/stats`],
    ] as const) {
      const res = await t.call(method, path, { org: 'org_b' });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('resource_not_found');
    }
  });
});

describe('versions', () => {
  it('a run keeps the version it started with; a re-run uses the current definition unless asked for the original', async () => {
    const nodes = (text: string) => [
      node('n1', 'manual_trigger'),
      node('d', 'delay', { duration: 1, unit: 'seconds' }),
      node('n3', 'text_transform', { template: text }),
    ];
    const edges = [edge('n1', 'd'), edge('d', 'n3')];
    const wf = await createWorkflow(t, { nodes: nodes('version one'), edges });
    const started = await t.call('POST', `/workflows/${wf.id}/execute`, { body: {} });
    await waitForRun(t, started.body.id, { until: (r) => (r.logs as unknown[]).length >= 1 });
    const edited = await t.call('PUT', `/workflows/${wf.id}`, {
      body: { nodes: nodes('version two'), edges },
    });
    expect(edited.body.version_id).not.toBe(wf.version_id);
    const run = await waitForRun(t, started.body.id);
    expect(run.logs.at(-1).output.text).toBe('version one');
    const rerun = await t.call('POST', `/workflows/runs/${run.id}/rerun`);
    const again = await waitForRun(t, rerun.body.new_run.id);
    expect(again.logs.at(-1).output.text).toBe('version two');
    const pinned = await t.call('POST', `/workflows/runs/${run.id}/rerun?version=original`);
    expect(pinned.status).toBe(202);
    expect((await waitForRun(t, pinned.body.new_run.id)).logs.at(-1).output.text).toBe('version one');
    expect((await t.call('POST', `/workflows/runs/${run.id}/rerun?version=latest`)).status).toBe(422);
  });
});

describe('webhooks', () => {
  it('starts a run from the webhook URL with body and headers as trigger output', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'webhook_trigger'),
        node('n2', 'text_transform', {
          template: '{{ n1.webhook_payload.event_type }}/{{ n1.data.id }}/{{ webhook_payload.event_type }}',
        }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const token = wf.webhook_url.split('/').pop();
    const res = await t.call('POST', `/workflows/webhooks/${token}`, {
      token: null,
      body: { event_type: 'user.created', data: { id: 'user_abc123' } },
      headers: { 'x-source': 'crm' },
    });
    expect(res.status).toBe(202);
    expect(res.body.run_id).toMatch(/^fl_run_/);
    const run = await waitForRun(t, res.body.run_id);
    expect(run.logs[0].output).toMatchObject({
      trigger_type: 'webhook',
      event_type: 'user.created',
      headers: { 'x-source': 'crm' },
    });
    expect(run.logs[1].output.text).toBe('user.created/user_abc123/user.created');
  });

  it('answers 404 for unknown tokens and inactive workflows', async () => {
    const unknown = await t.call('POST', '/workflows/webhooks/whsec_nope', { token: null, body: {} });
    expect(unknown.status).toBe(404);
    const wf = await createWorkflow(t, {
      nodes: [node('n1', 'webhook_trigger')],
      edges: [],
      is_active: false,
    });
    const token = wf.webhook_url.split('/').pop();
    const inactive = await t.call('POST', `/workflows/webhooks/${token}`, { token: null, body: {} });
    expect(inactive.status).toBe(404);
  });
});

describe('logs', () => {
  it('filters logs, lists recent ones and computes stats', async () => {
    target.respond('/stat-fail', 500, undefined);
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'webhook', { method: 'GET', url: `${target.url}/stat-fail` }),
      ],
      edges: [edge('n1', 'n2')],
    });
    const failed = await executeAndWait(t, wf.id);
    target.respond('/stat-fail', 200, {});
    const ok = await executeAndWait(t, wf.id);
    expect(ok.status).toBe('completed');
    const errors = await t.call('GET', `/workflows/${wf.id}/logs?status=error`);
    expect(errors.status).toBe(200);
    expect(errors.body).toHaveLength(1);
    expect(errors.body[0]).toMatchObject({ node_id: 'n2', run_id: failed.id, status: 'error' });
    const byRun = await t.call('GET', `/workflows/${wf.id}/logs?run_id=${ok.id}`);
    expect(byRun.body).toHaveLength(2);
    const byNode = await t.call('GET', `/workflows/${wf.id}/logs?node_id=n1&per_page=1`);
    expect(byNode.body).toHaveLength(1);
    expect(byNode.headers.get('x-total-count')).toBe('2');
    const future = await t.call('GET', `/workflows/${wf.id}/logs?from=2999-01-01T00:00:00Z`);
    expect(future.body).toHaveLength(0);
    const stats = await t.call('GET', `/workflows/${wf.id}/logs/stats`);
    expect(stats.body).toMatchObject({
      log_statuses: { success: 3, error: 1 },
      recent_runs: { completed: 1, failed: 1 },
      total_runs: 2,
      success_rate: 50,
    });
    const recent = await t.call('GET', '/workflows/logs/recent');
    expect(recent.status).toBe(200);
    expect(recent.body.find((l: { workflow_id: string }) => l.workflow_id === wf.id)?.run_id).toBe(ok.id);
  });
});
