import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node, waitForRun } from './helpers/workflows.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

/** manual trigger → string condition on `name` → yes / no text transforms. */
async function branchWorkflow(name = 'branch') {
  return createWorkflow(t, {
    name,
    nodes: [
      node('n1', 'manual_trigger'),
      node('c', 'string_condition', { value: '{{ n1.name }}', operator: 'equals', compare_to: 'ada' }),
      node('yes', 'text_transform', { template: 'hi {{ n1.name }}' }),
      node('no', 'text_transform', { template: 'who?' }),
    ],
    edges: [edge('n1', 'c'), edge('c', 'yes', 'true'), edge('c', 'no', 'false')],
  });
}

/** A run that fails at `boom` (a JSON parser given text that is not JSON). */
async function failingWorkflow() {
  return createWorkflow(t, {
    name: 'failing',
    nodes: [
      node('n1', 'manual_trigger'),
      node('boom', 'json_parser', { input: 'not json' }),
      node('after', 'text_transform', { template: 'never' }),
    ],
    edges: [edge('n1', 'boom'), edge('boom', 'after')],
  });
}

/** Reads server-sent events until the stream ends or `until` returns true. */
async function readEvents(
  path: string,
  options: {
    server?: TestServer;
    org?: string;
    headers?: Record<string, string>;
    until?: (events: SseEvent[], comments: string[]) => boolean;
  } = {},
) {
  const server = options.server ?? t;
  const controller = new AbortController();
  const response = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${await server.token(options.org)}`, ...options.headers },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  if (!response.ok || !response.body) return { response, events, comments, controller };
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      if (block.startsWith(':')) {
        comments.push(block);
        continue;
      }
      const field = (name: string) => block.match(new RegExp(`^${name}: (.*)$`, 'm'))?.[1];
      events.push({
        event: field('event') ?? 'message',
        id: field('id') ?? null,
        data: JSON.parse(field('data') ?? 'null'),
      });
    }
    if (options.until?.(events, comments)) {
      controller.abort();
      break;
    }
  }
  return { response, events, comments, controller };
}

interface SseEvent {
  event: string;
  id: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read event bodies freely
  data: any;
}

describe('GET /workflows/runs', () => {
  it('lists the organization’s runs across workflows, newest first, without trigger payloads', async () => {
    const a = await branchWorkflow('list a');
    const b = await failingWorkflow();
    const first = await executeAndWait(t, a.id, { name: 'ada', secret_note: 'big payload' });
    const second = await executeAndWait(t, b.id, {});
    const third = await executeAndWait(t, a.id, { name: 'bob' });
    const foreign = await createWorkflow(
      t,
      { name: 'foreign', nodes: [node('n1', 'manual_trigger')], edges: [] },
      'org_other',
    );
    const foreignRun = await executeAndWait(t, foreign.id, {}, 'org_other');

    const res = await t.call('GET', '/workflows/runs?per_page=100');
    expect(res.status).toBe(200);
    const ids = res.body.data.map((r: { id: string }) => r.id);
    expect(ids.indexOf(third.id)).toBeLessThan(ids.indexOf(second.id));
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    const item = res.body.data.find((r: { id: string }) => r.id === first.id);
    expect(item).toMatchObject({
      workflow_id: a.id,
      status: 'completed',
      origin: 'manual',
      version_id: a.version_id,
    });
    expect(item).not.toHaveProperty('trigger_payload');
    expect(item).not.toHaveProperty('logs');
    expect(ids).not.toContain(foreignRun.id);
    expect(res.text).not.toContain('big payload');

    const failed = await t.call('GET', '/workflows/runs?status=failed');
    expect(failed.body.data.map((r: { id: string }) => r.id)).toContain(second.id);
    expect(failed.body.data.every((r: { status: string }) => r.status === 'failed')).toBe(true);

    const ofA = await t.call('GET', `/workflows/runs?workflow_id=${a.id}&status=completed&per_page=1`);
    expect(ofA.body.data.map((r: { id: string }) => r.id)).toEqual([third.id]);
    expect(ofA.body.meta).toMatchObject({ total: 2, per_page: 1, last_page: 2, current_page: 1 });
    // Page links keep the filters.
    expect(ofA.body.links.next).toBe(
      `https://flows.example.test/workflows/runs?page=2&status=completed&workflow_id=${a.id}&per_page=1`,
    );
    const page2 = await t.call(
      'GET',
      new URL(ofA.body.links.next).pathname + new URL(ofA.body.links.next).search,
    );
    expect(page2.body.data.map((r: { id: string }) => r.id)).toEqual([first.id]);
  });

  it('is scoped to the organization and validates its filters', async () => {
    const wf = await branchWorkflow();
    await executeAndWait(t, wf.id, { name: 'ada' });
    const other = await t.call('GET', '/workflows/runs', { org: 'org_empty' });
    expect(other.status).toBe(200);
    expect(other.body.data).toEqual([]);
    const foreign = await t.call('GET', `/workflows/runs?workflow_id=${wf.id}`, { org: 'org_empty' });
    expect(foreign.body.meta.total).toBe(0);

    const bad = await t.call('GET', '/workflows/runs?status=exploded');
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'parameter_invalid', param: 'status' });
    expect(bad.body.doc_url).toContain('/errors#parameter_invalid');
    expect((await t.call('GET', '/workflows/runs?workflow_id=nope')).status).toBe(422);
    expect((await t.call('GET', '/workflows/runs', { token: null })).status).toBe(401);
  });

  it('filters a workflow’s executions by status', async () => {
    const wf = await branchWorkflow();
    const ok = await executeAndWait(t, wf.id, { name: 'ada' });
    const res = await t.call('GET', `/workflows/${wf.id}/executions?status=completed`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { id: string }) => r.id)).toEqual([ok.id]);
    expect(res.body.data[0]).not.toHaveProperty('trigger_payload');
    const withPayload = await t.call(
      'GET',
      `/workflows/${wf.id}/executions?status=completed&include=trigger_payload`,
    );
    expect(withPayload.body.data[0].trigger_payload).toEqual({ name: 'ada' });
    expect((await t.call('GET', `/workflows/${wf.id}/executions?status=failed`)).body.meta.total).toBe(0);
  });
});

describe('GET /workflows/runs/{runId}/graph', () => {
  it('returns the pinned definition with each node’s state', async () => {
    const wf = await branchWorkflow();
    const run = await executeAndWait(t, wf.id, { name: 'ada' });
    // Editing the workflow afterwards does not change what the run shows.
    await t.call('PUT', `/workflows/${wf.id}`, {
      body: { nodes: [node('n1', 'manual_trigger')], edges: [] },
    });
    const res = await t.call('GET', `/workflows/runs/${run.id}/graph`);
    expect(res.status).toBe(200);
    expect(res.body.version_id).toBe(run.version_id);
    expect(res.body.nodes.map((n: { id: string }) => n.id)).toEqual(['n1', 'c', 'yes', 'no']);
    expect(res.body.edges).toHaveLength(3);
    const states = res.body.node_states;
    expect(states.n1.status).toBe('success');
    expect(states.yes).toMatchObject({
      status: 'success',
      attempts: 1,
      inherited: false,
      waiting_until: null,
    });
    expect(states.yes.duration_ms).toBeGreaterThanOrEqual(0);
    expect(states.no).toMatchObject({ status: 'skipped', duration_ms: null, attempts: 0 });
  });

  it('shows the failed node and the nodes it kept from running', async () => {
    const wf = await failingWorkflow();
    const run = await executeAndWait(t, wf.id, {});
    expect(run.status).toBe('failed');
    const states = (await t.call('GET', `/workflows/runs/${run.id}/graph`)).body.node_states;
    expect(states.boom.status).toBe('error');
    expect(states.after.status).toBe('not_reached');
  });

  it('answers 404 for another organization’s run', async () => {
    const run = await executeAndWait(t, (await branchWorkflow()).id, { name: 'ada' });
    const res = await t.call('GET', `/workflows/runs/${run.id}/graph`, { org: 'org_other' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('resource_not_found');
  });
});

describe('GET /workflows/runs/{runId}/events', () => {
  it('streams a run with a Delay node as it happens and ends when it completes', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('wait', 'delay', { duration: 1, unit: 'seconds' }),
        node('done', 'text_transform', { template: 'after {{ n1.name }}' }),
      ],
      edges: [edge('n1', 'wait'), edge('wait', 'done')],
    });
    const started = await t.call('POST', `/workflows/${wf.id}/execute`, {
      body: { context: { name: 'ada' } },
    });
    const runId = started.body.id;
    const { response, events } = await readEvents(`/workflows/runs/${runId}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);

    expect(events[0]).toMatchObject({ event: 'run', data: { id: runId, workflow_id: wf.id } });
    expect(events[0]?.data).not.toHaveProperty('trigger_payload');
    // The stream saw the run while the Delay node slept, then its logs as they committed.
    const nodeEvents = events.filter((e) => e.event === 'nodes').map((e) => e.data);
    expect(nodeEvents.some((states) => states.wait.status === 'waiting' && states.wait.waiting_until)).toBe(
      true,
    );
    const logs = events.filter((e) => e.event === 'log');
    expect(logs.map((e) => e.data.node_id)).toEqual(['n1', 'wait', 'done']);
    const seqs = logs.map((e) => Number(e.id));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(3);
    expect(logs[2]?.data.output).toEqual({ text: 'after ada' });
    const runEvents = events.filter((e) => e.event === 'run').map((e) => e.data.status);
    expect(runEvents.at(-1)).toBe('completed');
    expect(nodeEvents.at(-1)).toMatchObject({ n1: { status: 'success' }, wait: { status: 'success' } });
    expect(events.at(-1)).toEqual({ event: 'end', id: null, data: { status: 'completed' } });
    // Nothing followed the waiting state before the delay elapsed: it really was live.
    const waitingAt = events.findIndex((e) => e.event === 'nodes' && e.data.wait.status === 'waiting');
    const doneAt = logs[2] ? events.indexOf(logs[2]) : -1;
    expect(waitingAt).toBeLessThan(doneAt);
  });

  it('replays an ended run at once, and resumes after Last-Event-ID', async () => {
    const run = await executeAndWait(t, (await branchWorkflow()).id, { name: 'ada' });
    const all = await readEvents(`/workflows/runs/${run.id}/events`);
    expect(all.events.map((e) => e.event)).toEqual(['run', 'log', 'log', 'log', 'nodes', 'end']);
    const firstSeq = all.events[1]?.id as string;
    const rest = await readEvents(`/workflows/runs/${run.id}/events`, {
      headers: { 'last-event-id': firstSeq },
    });
    expect(rest.events.filter((e) => e.event === 'log').map((e) => e.data.node_id)).toEqual(['c', 'yes']);
  });

  it('answers in the error envelope for unknown or foreign runs and without a token', async () => {
    const run = await executeAndWait(t, (await branchWorkflow()).id, { name: 'ada' });
    const foreign = await t.call('GET', `/workflows/runs/${run.id}/events`, { org: 'org_other' });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: 'resource_not_found', type: 'not_found_error' });
    expect((await t.call('GET', `/workflows/runs/${run.id}/events`, { token: null })).status).toBe(401);
    // A malformed id is unknown too.
    expect((await t.call('GET', '/workflows/runs/fl_run_nope!/events')).status).toBe(404);
  });

  it('ends with an error event when the run disappears mid-stream', async () => {
    const wf = await createWorkflow(t, {
      nodes: [node('n1', 'manual_trigger'), node('wait', 'delay', { duration: 30, unit: 'seconds' })],
      edges: [edge('n1', 'wait')],
    });
    const started = await t.call('POST', `/workflows/${wf.id}/execute`, { body: { context: {} } });
    let deleted = false;
    const { events } = await readEvents(`/workflows/runs/${started.body.id}/events`, {
      until: (seen) => {
        if (!deleted && seen.some((e) => e.event === 'nodes' && e.data.wait.status === 'waiting')) {
          deleted = true;
          void t.call('DELETE', `/workflows/${wf.id}`);
        }
        return false;
      },
    });
    expect(deleted).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'resource_not_found' } });
    expect(events.at(-1)?.data.doc_url).toContain('/errors#resource_not_found');
  });

  it('keeps idle streams alive, caps them per organization and frees a slot when a client leaves', async () => {
    const small = await startTestServer({}, {}, { runStreams: { maxPerOrg: 2, keepAliveMs: 100 } });
    try {
      const wf = await createWorkflow(small, {
        nodes: [node('n1', 'manual_trigger'), node('wait', 'delay', { duration: 30, unit: 'seconds' })],
        edges: [edge('n1', 'wait')],
      });
      const started = await small.call('POST', `/workflows/${wf.id}/execute`, { body: { context: {} } });
      const runId = started.body.id;
      await waitForRun(small, runId, { until: (r) => r.status === 'running' });
      const path = `/workflows/runs/${runId}/events`;

      // An idle stream (the run sleeps for 30 s) gets keep-alive comments.
      const first = await readEvents(path, { server: small, until: (_, comments) => comments.length >= 2 });
      expect(first.comments.slice(0, 2)).toEqual([': keep-alive', ': keep-alive']);

      const token = await small.token();
      /** Opens a stream and keeps it open (the body is never read). */
      const hold = async () => {
        const controller = new AbortController();
        const res = await fetch(`${small.url}${path}`, {
          headers: { authorization: `Bearer ${token}` },
          signal: controller.signal,
        });
        return { status: res.status, controller };
      };
      const held = [await hold(), await hold()];
      expect(held.map((h) => h.status)).toEqual([200, 200]);
      const refused = await small.call('GET', path);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'too_many_run_streams', type: 'rate_limit_error' });
      expect(refused.body.doc_url).toContain('/errors#too_many_run_streams');

      // Other organizations have their own budget.
      const other = await createWorkflow(
        small,
        { nodes: [node('n1', 'manual_trigger')], edges: [] },
        'org_other',
      );
      const otherRun = await executeAndWait(small, other.id, {}, 'org_other');
      const otherStream = await readEvents(`/workflows/runs/${otherRun.id}/events`, {
        server: small,
        org: 'org_other',
      });
      expect(otherStream.events.at(-1)?.event).toBe('end');

      // A client that goes away frees its slot.
      held.pop()?.controller.abort();
      const deadline = Date.now() + 5000;
      let again = await hold();
      while (again.status !== 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        again = await hold();
      }
      expect(again.status).toBe(200);
      held.push(again);
      for (const h of held) h.controller.abort();
    } finally {
      await small.close();
    }
  });
});
