import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../src/api/auth/sign.js';
import { spawnStratoflow, startChildServer } from './helpers/child-server.js';
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from './helpers/postgres.js';
import { PUBLIC_URL, startTestServer, TEST_SECRET, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, node, waitForRun } from './helpers/workflows.js';

/**
 * Human in the loop, end to end over HTTP: a `form` node parks its run (`awaiting_ui_interaction`, no
 * lease), people answer it through the API or its one-time link page, and the run continues down the
 * chosen button's path (or `timeout`).
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({}, { STRATOFLOW_HTTP_ALLOWED_CIDRS: '127.0.0.1/32' });
});
afterAll(() => t.close());

type Data = Record<string, unknown>;

const approvalForm = (extra: Data = {}) =>
  node('approval', 'form', {
    title: 'Approve the refund for {{ n1.customer }}?',
    description: 'Amount: {{ n1.amount }}',
    fields: [
      { name: 'email', label: 'Your email', type: 'email', required: true },
      {
        name: 'decision',
        type: 'select',
        required: true,
        options: ['full', { value: 'partial', label: 'Partial refund' }],
      },
      {
        name: 'amount',
        type: 'number',
        required: true,
        visible_when: { field: 'decision', equals: 'partial' },
      },
      { name: 'note', type: 'textarea' },
      { name: 'checked', type: 'checkbox' },
      { name: 'on', type: 'date' },
    ],
    buttons: [
      { id: 'approve', label: 'Approve' },
      { id: 'reject', label: 'Reject' },
    ],
    assignee: 'usr_boss',
    ...extra,
  });

/** trigger → approval ─approve→ yes / ─reject→ no (/ ─timeout→ late); trigger → notify (reads the link). */
async function approvalWorkflow(formExtra: Data = {}, withTimeout = false) {
  return createWorkflow(t, {
    nodes: [
      node('n1', 'manual_trigger'),
      approvalForm(formExtra),
      node('yes', 'text_transform', {
        template: 'approved by {{ approval.answered_by }}: {{ approval.values.decision }}',
      }),
      node('no', 'text_transform', { template: 'rejected' }),
      node('notify', 'text_transform', { template: 'open {{ approval.url }}' }),
      ...(withTimeout ? [node('late', 'text_transform', { template: 'nobody answered' })] : []),
    ],
    edges: [
      edge('n1', 'approval'),
      edge('n1', 'notify'),
      edge('approval', 'yes', 'approve'),
      edge('approval', 'no', 'reject'),
      ...(withTimeout ? [edge('approval', 'late', 'timeout')] : []),
    ],
  });
}

async function startWaiting(workflowId: string, context: Data = { customer: 'ACME', amount: 40 }) {
  const res = await t.call('POST', `/workflows/${workflowId}/execute`, { body: { context } });
  expect(res.status).toBe(202);
  return waitForRun(t, res.body.id, { until: (run) => run.status !== 'pending' && run.status !== 'running' });
}

const answer = (runId: string, body: unknown, org = 'org_a') =>
  t.call('POST', `/workflows/runs/${runId}/interactions/approval`, { body, org });

const nodesOf = (run: Data) => (run.logs as { node_id: string }[]).map((l) => l.node_id).sort();

describe('a form node', () => {
  it('parks the run without a lease, lists it, validates answers, and continues down the chosen button', async () => {
    const wf = await approvalWorkflow({ access: 'link' });
    const waiting = await startWaiting(wf.id);
    expect(waiting.status).toBe('awaiting_ui_interaction');
    const stored = await t.server.store.getRun('org_a', waiting.id as string);
    expect(stored).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });

    const listed = await t.call('GET', `/workflows/runs/${waiting.id}/interactions`);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    const [asked] = listed.body;
    expect(asked).toMatchObject({
      run_id: waiting.id,
      workflow_id: wf.id,
      node_id: 'approval',
      status: 'pending',
      assignee: 'usr_boss',
      expires_at: null,
      answer: null,
      answered_by: null,
      form: { title: 'Approve the refund for ACME?', description: 'Amount: 40' },
    });
    expect(asked.id).toMatch(/^fl_int_[0-9a-z]+$/);
    expect(asked.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(asked.form.fields[1]).toMatchObject({
      name: 'decision',
      label: 'decision',
      options: [
        { value: 'full', label: 'full' },
        { value: 'partial', label: 'Partial refund' },
      ],
    });
    expect(asked.form.buttons).toEqual([
      { id: 'approve', label: 'Approve' },
      { id: 'reject', label: 'Reject' },
    ]);
    expect(asked.url).toMatch(new RegExp(`^${PUBLIC_URL}/forms/frm_[A-Za-z0-9_-]{43}$`));
    // A node on a parallel branch read the link while the form waited.
    const notify = (waiting.logs as { node_id: string; output: { text: string } }[]).find(
      (l) => l.node_id === 'notify',
    );
    expect(notify?.output.text).toBe(`open ${asked.url}`);

    const inbox = await t.call('GET', '/workflows/interactions?per_page=100');
    expect(inbox.status).toBe(200);
    expect(inbox.body.data.map((i: Data) => i.id)).toContain(asked.id);
    expect(inbox.body.meta).toMatchObject({ current_page: 1, per_page: 100 });
    expect(inbox.body.links.first).toBe(`${PUBLIC_URL}/workflows/interactions?page=1`);
    const boss = await t.call('GET', '/workflows/interactions?assignee=usr_boss');
    expect(boss.body.data.map((i: Data) => i.id)).toContain(asked.id);
    const nobody = await t.call('GET', '/workflows/interactions?assignee=usr_nobody');
    expect(nobody.body.meta.total).toBe(0);

    // Bad values: 422 naming the field.
    const bad = await answer(waiting.id as string, {
      button: 'approve',
      values: { email: 'nope', decision: 'full' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'parameter_invalid', param: 'values.email' });
    const missing = await answer(waiting.id as string, {
      button: 'approve',
      values: { decision: 'partial' },
    });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'parameter_missing', param: 'values.email' });
    expect(missing.body.errors).toEqual([
      { param: 'values.email', message: '"Your email" is required.' },
      { param: 'values.amount', message: '"amount" is required.' },
    ]);
    const typo = await answer(waiting.id as string, {
      button: 'approve',
      values: { email: 'a@b.co', decision: 'full', emial: 'x' },
    });
    expect(typo.status).toBe(422);
    expect(typo.body).toMatchObject({ code: 'parameter_invalid', param: 'values.emial' });
    const wrongButton = await answer(waiting.id as string, { button: 'maybe', values: {} });
    expect(wrongButton.status).toBe(422);
    expect(wrongButton.body.param).toBe('button');
    const notANumber = await answer(waiting.id as string, {
      button: 'approve',
      values: { email: 'a@b.co', decision: 'partial', amount: 'lots' },
    });
    expect(notANumber.body).toMatchObject({ code: 'parameter_invalid', param: 'values.amount' });
    const noBody = await t.call('POST', `/workflows/runs/${waiting.id}/interactions/approval`, { body: {} });
    expect(noBody.status).toBe(422);
    expect(noBody.body.param).toBe('button');

    // Another organization sees nothing of it.
    expect((await t.call('GET', `/workflows/runs/${waiting.id}/interactions`, { org: 'org_b' })).status).toBe(
      404,
    );
    const foreign = await answer(waiting.id as string, { button: 'approve', values: {} }, 'org_b');
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('resource_not_found');
    expect((await t.call('GET', '/workflows/interactions', { org: 'org_b' })).body.meta.total).toBe(0);
    expect(
      (
        await t.call('POST', `/workflows/runs/${waiting.id}/interactions/yes`, {
          body: { button: 'approve' },
        })
      ).status,
    ).toBe(404);

    // Concurrent answers: exactly one wins. `amount` is hidden (decision is not "partial"): not required, not kept.
    const good = {
      button: 'approve',
      values: { email: ' ada@example.com ', decision: 'full', amount: 'ignored' },
    };
    const token = await signToken(TEST_SECRET, { orgId: 'org_a', userId: 'usr_ada', expiresIn: '1h' });
    const [a, b] = await Promise.all([
      t.call('POST', `/workflows/runs/${waiting.id}/interactions/approval`, { body: good, token }),
      t.call('POST', `/workflows/runs/${waiting.id}/interactions/approval`, { body: good, token }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const won = a.status === 200 ? a : b;
    const lost = a.status === 200 ? b : a;
    expect(lost.body.code).toBe('interaction_closed');
    expect(won.body).toMatchObject({
      status: 'answered',
      answered_by: 'usr_ada',
      answer: {
        button: 'approve',
        values: { email: 'ada@example.com', decision: 'full', note: null, checked: false, on: null },
      },
    });

    const done = await waitForRun(t, waiting.id as string);
    expect(done.status).toBe('completed');
    expect(nodesOf(done)).toEqual(['approval', 'n1', 'notify', 'yes']);
    const logs = done.logs as { node_id: string; output: Data }[];
    expect(logs.find((l) => l.node_id === 'yes')?.output.text).toBe('approved by usr_ada: full');
    expect(logs.find((l) => l.node_id === 'approval')?.output).toMatchObject({
      button: 'approve',
      answered_by: 'usr_ada',
      url: asked.url,
    });
    expect((await answer(waiting.id as string, good)).status).toBe(409);
    const after = await t.call('GET', `/workflows/runs/${waiting.id}/interactions`);
    expect(after.body[0]).toMatchObject({ status: 'answered', answered_by: 'usr_ada' });
    expect(
      (await t.call('GET', '/workflows/interactions?per_page=100')).body.data.map((i: Data) => i.id),
    ).not.toContain(asked.id);
  });

  it('takes the timeout path when nobody answers in time', async () => {
    const wf = await approvalWorkflow({ timeout: { duration: 1, unit: 'seconds' } }, true);
    const waiting = await startWaiting(wf.id);
    expect(waiting.status).toBe('awaiting_ui_interaction');
    const [asked] = (await t.call('GET', `/workflows/runs/${waiting.id}/interactions`)).body;
    expect(asked.url).toBeNull();
    expect(Date.parse(asked.expires_at) - Date.parse(asked.created_at)).toBeGreaterThan(950);
    expect(Date.parse(asked.expires_at) - Date.parse(asked.created_at)).toBeLessThanOrEqual(1000);
    const done = await waitForRun(t, waiting.id as string, { timeoutMs: 15_000 });
    expect(done.status).toBe('completed');
    expect(nodesOf(done)).toEqual(['approval', 'late', 'n1', 'notify']);
    const form = (done.logs as { node_id: string; output: Data }[]).find((l) => l.node_id === 'approval');
    expect(form?.output).toEqual({
      button: null,
      values: {},
      answered_by: null,
      answered_at: null,
      url: null,
    });
    const late = await answer(waiting.id as string, {
      button: 'approve',
      values: { email: 'a@b.co', decision: 'full' },
    });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('timed out');
    expect((await t.call('GET', `/workflows/runs/${waiting.id}/interactions`)).body[0].status).toBe(
      'expired',
    );
  });

  it('continues when answered while a parallel branch holds the run', async () => {
    // The HTTP node's response is held until released, so the answer arrives while a worker holds the
    // run: it cannot wake the run then, and the worker must notice the answer when it parks.
    const held: ServerResponse[] = [];
    const target = createServer((req, res) => {
      req.resume();
      held.push(res);
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    try {
      const wf = await createWorkflow(t, {
        nodes: [
          node('n1', 'manual_trigger'),
          node('approval', 'form', { title: 'Go?', buttons: [{ id: 'go', label: 'Go' }] }),
          node('call', 'webhook', { method: 'POST', url: `${targetUrl}/slow`, body: '{}' }),
          node('went', 'text_transform', { template: 'went' }),
        ],
        edges: [edge('n1', 'approval'), edge('n1', 'call'), edge('approval', 'went', 'go')],
      });
      const started = await t.call('POST', `/workflows/${wf.id}/execute`, { body: { context: {} } });
      const runId = started.body.id as string;
      const deadline = Date.now() + 10_000;
      while (
        held.length === 0 ||
        (await t.call('GET', `/workflows/runs/${runId}/interactions`)).body.length === 0
      ) {
        if (Date.now() > deadline) throw new Error('the form and the call did not both start');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await t.server.store.getRun('org_a', runId))?.leaseOwner).not.toBeNull();
      expect(await answer(runId, { button: 'go' }).then((r) => r.status)).toBe(200);
      for (const res of held) res.end('{}');
      const done = await waitForRun(t, runId);
      expect(done.status).toBe('completed');
      expect(nodesOf(done)).toEqual(['approval', 'call', 'n1', 'went']);
    } finally {
      target.closeAllConnections();
      await new Promise((resolve) => target.close(resolve));
    }
  });

  it('closes the form when the run ends first, while a timer on another branch still runs it', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('approval', 'form', { title: 'Go?', buttons: [{ id: 'go', label: 'Go' }] }),
        node('wait', 'delay', { duration: 1, unit: 'seconds' }),
        node('stop', 'terminate', { status: 'failed', message: 'Gave up waiting.' }),
      ],
      edges: [edge('n1', 'approval'), edge('n1', 'wait'), edge('wait', 'stop')],
    });
    const waiting = await startWaiting(wf.id, {});
    expect(waiting.status).toBe('awaiting_ui_interaction');
    const done = await waitForRun(t, waiting.id as string);
    expect(done).toMatchObject({ status: 'failed', error_message: 'Gave up waiting.' });
    const [asked] = (await t.call('GET', `/workflows/runs/${waiting.id}/interactions`)).body;
    expect(asked.status).toBe('cancelled');
    const [row] = await t.server.store.listRunInteractions(waiting.id as string);
    expect(row?.status).toBe('cancelled'); // closed in the store too, not only shown so
    const late = await answer(waiting.id as string, { button: 'go' });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('the run has ended');
  });

  it('does not count the time spent waiting for people towards the run’s time limit', async () => {
    const short = await startTestServer({}, { STRATOFLOW_RUN_TIMEOUT_MS: '1000' });
    try {
      const wf = await createWorkflow(short, {
        nodes: [
          node('n1', 'manual_trigger'),
          node('approval', 'form', { title: 'Go?', buttons: [{ id: 'go', label: 'Go' }] }),
          node('went', 'text_transform', { template: 'went' }),
        ],
        edges: [edge('n1', 'approval'), edge('approval', 'went', 'go')],
      });
      const runId = (await short.call('POST', `/workflows/${wf.id}/execute`, { body: { context: {} } })).body
        .id;
      await waitForRun(short, runId, { until: (run) => run.status === 'awaiting_ui_interaction' });
      await new Promise((r) => setTimeout(r, 1500));
      const answered = await short.call('POST', `/workflows/runs/${runId}/interactions/approval`, {
        body: { button: 'go' },
      });
      expect(answered.status).toBe(200);
      const done = await waitForRun(short, runId);
      expect(done).toMatchObject({ status: 'completed', error_message: null });
    } finally {
      await short.close();
    }
  });

  it('shows through test-node what it would ask, rendered, without waiting', async () => {
    const res = await t.call('POST', '/workflows/test-node', {
      body: {
        node: approvalForm({ timeout: { duration: 2, unit: 'days' } }),
        context: { n1: { customer: 'ACME', amount: 3 } },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({
      waiting_for: 'interaction',
      assignee: 'usr_boss',
      form: { title: 'Approve the refund for ACME?', description: 'Amount: 3' },
    });
    expect(res.body.output.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('refuses forms in synchronous workflows and longer than 30 days', async () => {
    const sync = await t.call('POST', '/workflows/validate', {
      body: {
        name: 'sync form',
        nodes: [
          node('n1', 'sync_request_trigger'),
          approvalForm(),
          node('out', 'text_transform', { template: 'x' }),
        ],
        edges: [edge('n1', 'approval'), edge('approval', 'out', 'approve')],
      },
    });
    expect(JSON.stringify(sync.body)).toContain(
      "Node 'approval' (form) is not allowed in a synchronous API workflow.",
    );
    const long = await t.call('POST', '/workflows', {
      body: {
        name: 'too long',
        nodes: [node('n1', 'manual_trigger'), approvalForm({ timeout: { duration: 31, unit: 'days' } })],
        edges: [edge('n1', 'approval')],
      },
    });
    expect(long.status).toBe(422);
    expect(JSON.stringify(long.body)).toContain('A form may wait at most 30 days.');
  });
});

/** The `<form>` of a page as a browser sees it: its fields' names, and its submit buttons' values. */
function parseForm(html: string) {
  const names = [...html.matchAll(/<(?:input|select|textarea)[^>]*\bname="([^"]+)"/g)].map((m) => m[1]);
  const buttons = [...html.matchAll(/<button[^>]*\bname="button"[^>]*\bvalue="([^"]+)"/g)].map((m) => m[1]);
  const method = /<form[^>]*\bmethod="([^"]+)"/.exec(html)?.[1];
  const action = /<form[^>]*\baction="([^"]*)"/.exec(html)?.[1];
  return { names, buttons, method, action };
}

describe('a form’s one-time link', () => {
  it('shows the form to someone without an account and takes one answer, like a browser posts it', async () => {
    const wf = await approvalWorkflow({
      access: 'link',
      title: 'Refund <script>alert(1)</script> for {{ n1.customer }}',
    });
    const waiting = await startWaiting(wf.id, { customer: 'A&B "Ltd"', amount: 5 });
    const [asked] = (await t.call('GET', `/workflows/runs/${waiting.id}/interactions`)).body;
    const pageUrl = `${t.url}${new URL(asked.url).pathname}`;

    const page = await fetch(pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await page.text();
    expect(html).not.toContain('<script');
    expect(html).toContain('Refund &lt;script&gt;alert(1)&lt;/script&gt; for A&amp;B &quot;Ltd&quot;');
    const form = parseForm(html);
    expect(form.method).toBe('post');
    expect(form.action).toBeUndefined(); // posts back to its own URL
    expect(form.names).toEqual([
      'values.email',
      'values.decision',
      'values.amount',
      'values.note',
      'values.checked',
      'values.on',
    ]);
    expect(form.buttons).toEqual(['approve', 'reject']);

    const post = (fields: Record<string, string>) =>
      fetch(pageUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    // A browser sends every field (empty ones as ""), the pressed button, and no unchecked checkbox.
    const blank = {
      'values.email': 'x',
      'values.decision': 'partial',
      'values.amount': '',
      'values.note': '',
      'values.on': '',
    };
    const invalid = await post({ ...blank, button: 'reject' });
    expect(invalid.status).toBe(422);
    const problems = await invalid.text();
    expect(problems).toContain('&quot;Your email&quot; must be an email address.');
    expect(problems).toContain('&quot;amount&quot; is required.');
    expect(problems).toContain('value="x"'); // what was typed is kept
    expect((await t.call('GET', `/workflows/runs/${waiting.id}`)).body.status).toBe(
      'awaiting_ui_interaction',
    );

    const ok = await post({
      ...blank,
      'values.email': 'guest@example.com',
      'values.amount': '2.5',
      'values.checked': 'on',
      'values.on': '2026-12-24',
      button: 'reject',
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Your answer (<strong>Reject</strong>) was recorded.');

    const done = await waitForRun(t, waiting.id as string);
    expect(nodesOf(done)).toEqual(['approval', 'n1', 'no', 'notify']);
    const output = (done.logs as { node_id: string; output: Data }[]).find(
      (l) => l.node_id === 'approval',
    )?.output;
    expect(output).toMatchObject({
      button: 'reject',
      answered_by: null,
      values: {
        email: 'guest@example.com',
        decision: 'partial',
        amount: 2.5,
        note: null,
        checked: true,
        on: '2026-12-24',
      },
    });

    // Used: a clear page, not a 500, for looking and for posting again.
    const used = await fetch(pageUrl);
    expect(used.status).toBe(410);
    expect(await used.text()).toContain('This form no longer takes answers: it was already answered.');
    expect((await post({ ...blank, button: 'approve' })).status).toBe(410);
    const unknown = await fetch(`${t.url}/forms/frm_${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('This form link is unknown.');
  });

  it('is known from the run’s start, so a node before the form can send it', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('send', 'text_transform', { template: 'Please answer: {{ approval.url }}' }),
        node('approval', 'form', { title: 'Go?', access: 'link', buttons: [{ id: 'go', label: 'Go' }] }),
      ],
      edges: [edge('n1', 'send'), edge('send', 'approval')],
    });
    const waiting = await startWaiting(wf.id, {});
    const [asked] = (await t.call('GET', `/workflows/runs/${waiting.id}/interactions`)).body;
    const sent = (waiting.logs as { node_id: string; output: { text: string } }[]).find(
      (l) => l.node_id === 'send',
    );
    expect(sent?.output.text).toBe(`Please answer: ${asked.url}`);
    expect(asked.url).toMatch(/\/forms\/frm_/);
  });

  it('expires with the form’s timeout', async () => {
    const wf = await approvalWorkflow({ access: 'link', timeout: { duration: 1, unit: 'seconds' } }, true);
    const waiting = await startWaiting(wf.id);
    const [asked] = (await t.call('GET', `/workflows/runs/${waiting.id}/interactions`)).body;
    await waitForRun(t, waiting.id as string, { timeoutMs: 15_000 });
    const page = await fetch(`${t.url}${new URL(asked.url).pathname}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('it has expired.');
  });
});

/** JSON calls to a child process's API with a bearer token. */
function childApi(token: string) {
  return async (base: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Data & { id: string; status: string } };
  };
}

/** Polls a child process's run until `done(status)`. */
async function pollRun(
  api: ReturnType<typeof childApi>,
  base: string,
  runId: string,
  done: (s: string) => boolean,
) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const run = (await api(base, 'GET', `/workflows/runs/${runId}`)).body;
    if (done(run.status)) return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${runId} did not get there in time`);
}

describe('a waiting form survives kill -9', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'stratoflow-forms-crash-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('still waits after a restart and continues when answered', async () => {
    const token = await signToken(TEST_SECRET, { orgId: 'org_crash', userId: 'usr_1', expiresIn: '1h' });
    const api = childApi(token);
    const poll = (base: string, runId: string, done: (s: string) => boolean) =>
      pollRun(api, base, runId, done);
    const first = await startChildServer(dataDir);
    const wf = (
      await api(first.url, 'POST', '/workflows', {
        name: 'crash form',
        nodes: [
          node('n1', 'manual_trigger'),
          node('approval', 'form', {
            title: 'Go?',
            buttons: [
              { id: 'go', label: 'Go' },
              { id: 'stop', label: 'Stop' },
            ],
          }),
          node('went', 'text_transform', { template: 'went' }),
          node('stopped', 'text_transform', { template: 'stopped' }),
        ],
        edges: [edge('n1', 'approval'), edge('approval', 'went', 'go'), edge('approval', 'stopped', 'stop')],
      })
    ).body;
    const runId = (await api(first.url, 'POST', `/workflows/${wf.id}/execute`, { context: {} })).body.id;
    await poll(first.url, runId, (s) => s === 'awaiting_ui_interaction');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = await startChildServer(dataDir);
    try {
      // Nothing resumes it on its own: it still waits, and still lists its form.
      await new Promise((r) => setTimeout(r, 300));
      expect((await api(second.url, 'GET', `/workflows/runs/${runId}`)).body.status).toBe(
        'awaiting_ui_interaction',
      );
      const answered = await api(second.url, 'POST', `/workflows/runs/${runId}/interactions/approval`, {
        button: 'stop',
      });
      expect(answered.status).toBe(200);
      const run = await poll(second.url, runId, (s) => s === 'completed' || s === 'failed');
      expect(run.status).toBe('completed');
      expect((run.logs as { node_id: string }[]).map((l) => l.node_id)).toEqual([
        'n1',
        'approval',
        'stopped',
      ]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);
});

describe.skipIf(!postgresAdminUrl())('forms across processes on PostgreSQL', () => {
  let database: TestDatabase;
  let dataDir: string;
  const processes: { child: ChildProcess; exited: Promise<unknown> }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'stratoflow-forms-pg-'));
  });
  afterAll(async () => {
    for (const p of processes) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await p.exited;
    }
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a worker parks the run; an answer to an API-only process (API or link) wakes it', async () => {
    const env = {
      DATABASE_URL: database.url,
      STRATOFLOW_PUBLIC_URL: PUBLIC_URL,
      STRATOFLOW_PG_POOL_SIZE: '3',
    };
    const api = await startChildServer(dataDir, env, ['--no-worker']);
    processes.push(api);
    processes.push(spawnStratoflow(['worker', '--concurrency', '4'], env));
    const token = await signToken(TEST_SECRET, { orgId: 'org_pg', userId: 'usr_pg', expiresIn: '1h' });
    const call = (method: string, path: string, body?: unknown) =>
      childApi(token)(api.url, method, path, body);
    const wf = (
      await call('POST', '/workflows', {
        name: 'pg form',
        nodes: [
          node('n1', 'manual_trigger'),
          node('approval', 'form', {
            title: 'Go?',
            access: 'link',
            fields: [{ name: 'who', required: true }],
            buttons: [
              { id: 'go', label: 'Go' },
              { id: 'stop', label: 'Stop' },
            ],
          }),
          node('went', 'text_transform', { template: 'went {{ approval.values.who }}' }),
          node('stopped', 'text_transform', { template: 'stopped' }),
        ],
        edges: [edge('n1', 'approval'), edge('approval', 'went', 'go'), edge('approval', 'stopped', 'stop')],
      })
    ).body;
    const poll = (runId: string, done: (s: string) => boolean) =>
      pollRun(childApi(token), api.url, runId, done);
    const start = async () => {
      const runId = (await call('POST', `/workflows/${wf.id}/execute`, { context: {} })).body.id;
      await poll(runId, (s) => s === 'awaiting_ui_interaction');
      return runId;
    };
    const viaApi = await start();
    const viaLink = await start();
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      const leases = await db.query('SELECT lease_owner FROM runs WHERE id = ANY($1)', [[viaApi, viaLink]]);
      expect(leases.rows).toEqual([{ lease_owner: null }, { lease_owner: null }]);
    } finally {
      await db.end();
    }

    expect(
      (
        await call('POST', `/workflows/runs/${viaApi}/interactions/approval`, {
          button: 'go',
          values: { who: 'api' },
        })
      ).status,
    ).toBe(200);
    const [asked] = (await call('GET', `/workflows/runs/${viaLink}/interactions`)).body as unknown as {
      url: string;
    }[];
    const posted = await fetch(`${api.url}${new URL(asked?.url ?? '').pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'values.who=link&button=stop',
    });
    expect(posted.status).toBe(200);

    const [a, b] = await Promise.all([
      poll(viaApi, (s) => s === 'completed'),
      poll(viaLink, (s) => s === 'completed'),
    ]);
    expect((a.logs as { node_id: string; output: Data }[]).map((l) => l.node_id)).toEqual([
      'n1',
      'approval',
      'went',
    ]);
    expect((a.logs as { output: Data }[])[2]?.output.text).toBe('went api');
    expect((b.logs as { node_id: string }[]).map((l) => l.node_id)).toEqual(['n1', 'approval', 'stopped']);
  }, 60_000);
});
