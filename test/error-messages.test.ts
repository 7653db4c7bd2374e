import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDnsFailure } from '../src/nodes/actions/outbound/connection-error.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/** Rejections name what they are about (issue #13 item 5): the exact messages a user reads. */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

const trigger = node('n1', 'manual_trigger');

describe('POST /workflows/{id}/execute', () => {
  it('refuses unknown top-level fields, explaining that run input goes under `context`', async () => {
    const wf = await createWorkflow(t, { nodes: [trigger], edges: [] });
    const res = await t.call('POST', `/workflows/${wf.id}/execute`, { body: { name: 'Ada' } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'parameter_invalid',
      param: 'name',
      message:
        'Unknown top-level field \'name\': run input goes under `context`, e.g. {"context": {"name": ...}}.',
    });
    const both = await t.call('POST', `/workflows/${wf.id}/execute`, {
      body: { context: {}, name: 'Ada', email: 'a@example.com' },
    });
    expect(both.status).toBe(422);
    expect(both.body.message).toBe(
      'Unknown top-level field \'name\', \'email\': run input goes under `context`, e.g. {"context": {"name": ...}}.',
    );
    expect(
      (await t.call('POST', `/workflows/${wf.id}/execute`, { body: { context: { name: 'Ada' } } })).status,
    ).toBe(202);
    expect((await t.call('POST', `/workflows/${wf.id}/execute`)).status).toBe(202);
  });
});

describe('workflow validation messages', () => {
  it('names the nodes of a cycle, in order', async () => {
    const res = await t.call('POST', '/workflows', {
      body: {
        name: 'loop',
        nodes: [
          trigger,
          node('a', 'text_transform', { template: 'x' }),
          node('b', 'text_transform', { template: 'x' }),
          node('c', 'text_transform', { template: 'x' }),
        ],
        edges: [edge('n1', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'a')],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'workflow_invalid',
      param: 'edges',
      message:
        "The workflow graph has a cycle ('a' → 'b' → 'c' → 'a'); workflows must be acyclic: remove one of these edges.",
    });
  });

  it('says "`method` is required" for a missing config field', async () => {
    const body = {
      name: 'no method',
      nodes: [trigger, node('h', 'webhook', { url: 'https://example.com/hook' })],
      edges: [edge('n1', 'h')],
    };
    const res = await t.call('POST', '/workflows', { body });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      param: 'nodes[1].data.method',
      message: "Node 'h' (webhook): `method` is required.",
    });
    const validated = await t.call('POST', '/workflows/validate', { body });
    expect(validated.body.errors).toContain("Node 'h' (webhook): `method` is required.");
    const wrong = await t.call('POST', '/workflows/validate', {
      body: {
        ...body,
        nodes: [trigger, node('h', 'webhook', { url: 'https://example.com', method: 'FETCH' })],
      },
    });
    expect(wrong.body.errors[0]).toBe(
      `Node 'h' (webhook): method: must be one of "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" or "OPTIONS", not "FETCH"`,
    );
  });
});

describe('parameter messages read as plain English', () => {
  it.each([
    ['/workflows?per_page=1000', 'per_page', "The 'per_page' parameter must be at most 100."],
    ['/workflows?per_page=1.5', 'per_page', "The 'per_page' parameter must be a whole number, not 1.5."],
    ['/workflows?per_page=ten', 'per_page', "The 'per_page' parameter must be a number."],
    ['/workflows?page=0', 'page', "The 'page' parameter must be at least 1."],
    [
      '/workflows/runs?status=done',
      'status',
      `The 'status' parameter must be one of "pending", "running", "completed", "failed" or "awaiting_ui_interaction", not "done".`,
    ],
  ])('GET %s', async (path, param, message) => {
    const res = await t.call('GET', path);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'parameter_invalid', param, message });
  });

  it.each([
    [{ name: 5 }, 'name', "The 'name' parameter must be a string, not a number (5)."],
    [{ name: '' }, 'name', "The 'name' parameter must not be empty."],
    [{ name: 'x', nodes: 'n1' }, 'nodes', `The 'nodes' parameter must be an array, not a string ("n1").`],
    [
      { name: 'x', is_active: 'yes' },
      'is_active',
      `The 'is_active' parameter must be true or false, not a string ("yes").`,
    ],
  ])('POST /workflows %j', async (fields, param, message) => {
    const res = await t.call('POST', '/workflows', { body: { nodes: [trigger], edges: [], ...fields } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'parameter_invalid', param, message });
  });

  it('a missing parameter still says it is required', async () => {
    const res = await t.call('POST', '/workflows', { body: { nodes: [trigger], edges: [] } });
    expect(res.body).toMatchObject({
      code: 'parameter_missing',
      message: "The 'name' parameter is required for this request.",
    });
  });
});

describe('run messages', () => {
  it('a DNS failure reads "could not resolve host \'x\'"', async () => {
    const wf = await createWorkflow(t, {
      nodes: [trigger, node('h', 'webhook', { method: 'GET', url: 'http://no-such-host.invalid/x' })],
      edges: [edge('n1', 'h')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    expect(run.error_message).toContain("could not resolve host 'no-such-host.invalid'");
    expect(
      describeDnsFailure(
        Object.assign(new Error('getaddrinfo ENOTFOUND api.example.invalid'), { code: 'ENOTFOUND' }),
      ),
    ).toBe("could not resolve host 'api.example.invalid'");
    expect(describeDnsFailure(new Error('getaddrinfo EAI_AGAIN api.example.invalid'))).toBe(
      "could not resolve host 'api.example.invalid' (temporary DNS failure, retry later)",
    );
    expect(
      describeDnsFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe(undefined);
  });

  it('resume-from the failed node points at the node to resume from', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        trigger,
        node('prep', 'text_transform', { template: 'not json' }),
        node('boom', 'json_parser', { input: '{{ prep.text }}' }),
      ],
      edges: [edge('n1', 'prep'), edge('prep', 'boom')],
    });
    const run = await executeAndWait(t, wf.id);
    expect(run.status).toBe('failed');
    const res = await t.call('POST', `/workflows/runs/${run.id}/resume-from/boom`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'node_not_resumable',
      param: 'nodeId',
      message: `Node 'boom' failed in run ${run.id}; to run it again, resume from 'prep' (POST /workflows/runs/${run.id}/resume-from/prep).`,
    });
    expect((await t.call('POST', `/workflows/runs/${run.id}/resume-from/prep`)).status).toBe(202);
  });
});
