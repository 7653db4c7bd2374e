import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSpanId, runSpanId } from '../src/domain/trace-context.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { startTarget, type Target } from './helpers/target.js';
import { createWorkflow, edge, node, waitForRun } from './helpers/workflows.js';

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const TRACEPARENT = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;
const TRACEPARENT_RE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

/** A webhook-triggered workflow whose webhook node calls `target`/hook. */
async function callingWorkflow(t: TestServer, target: Target) {
  const wf = await createWorkflow(t, {
    nodes: [
      node('in', 'webhook_trigger'),
      node('call', 'webhook', { method: 'POST', url: `${target.url}/hook`, body: { hello: 'world' } }),
    ],
    edges: [edge('in', 'call')],
  });
  return wf.webhook_url.split('/').pop() as string;
}

describe('W3C trace context', () => {
  let t: TestServer;
  let target: Target;

  beforeAll(async () => {
    target = await startTarget();
    t = await startTestServer({ httpAllowedCidrs: '127.0.0.1/32' });
  });

  afterAll(async () => {
    await t.close();
    await target.close();
  });

  it('a webhook with traceparent: the run has that trace id and its webhook node passes it on', async () => {
    const token = await callingWorkflow(t, target);
    const res = await t.call('POST', `/workflows/webhooks/${token}`, {
      token: null,
      body: { a: 1 },
      headers: { traceparent: TRACEPARENT, tracestate: 'vendor=abc' },
    });
    expect(res.status).toBe(202);
    const run = await waitForRun(t, res.body.run_id);
    expect(run.status).toBe('completed');
    expect(run.trace_id).toBe(CALLER_TRACE);

    const sent = target.received.filter((r) => r.path === '/hook').at(-1);
    const match = TRACEPARENT_RE.exec(String(sent?.headers.traceparent));
    expect(match?.[1]).toBe(CALLER_TRACE);
    // The outbound call's parent is the node's own span, not the caller's.
    expect(match?.[2]).toBe(nodeSpanId(run.id, 'call', 1));
    expect(match?.[2]).not.toBe(CALLER_SPAN);
    expect(sent?.headers.tracestate).toBe('vendor=abc');
  });

  it('without traceparent (or with an invalid one) a run starts a new trace, passed on all the same', async () => {
    const token = await callingWorkflow(t, target);
    const ids: string[] = [];
    const cases: Record<string, string>[] = [
      {},
      { traceparent: `00-${'0'.repeat(32)}-${CALLER_SPAN}-01` },
      { traceparent: 'junk' },
    ];
    for (const headers of cases) {
      const res = await t.call('POST', `/workflows/webhooks/${token}`, { token: null, body: {}, headers });
      expect(res.status).toBe(202);
      const run = await waitForRun(t, res.body.run_id);
      expect(run.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(run.trace_id).not.toBe('0'.repeat(32));
      const sent = target.received.filter((r) => r.path === '/hook').at(-1);
      expect(TRACEPARENT_RE.exec(String(sent?.headers.traceparent))?.[1]).toBe(run.trace_id);
      expect(sent?.headers.tracestate).toBeUndefined();
      ids.push(run.trace_id);
    }
    expect(new Set(ids).size).toBe(3);
  });

  it('execute takes traceparent and shows the trace id in the run, its list and the 202', async () => {
    const wf = await createWorkflow(t, {
      nodes: [node('t', 'manual_trigger'), node('x', 'text_transform', { template: 'ok' })],
      edges: [edge('t', 'x')],
    });
    const res = await t.call('POST', `/workflows/${wf.id}/execute`, {
      body: { context: {} },
      headers: { traceparent: TRACEPARENT },
    });
    expect(res.status).toBe(202);
    expect(res.body.trace_id).toBe(CALLER_TRACE);
    await waitForRun(t, res.body.id);
    const list = await t.call('GET', `/workflows/${wf.id}/executions`);
    expect(list.body.data[0].trace_id).toBe(CALLER_TRACE);
  });

  it('a child run joins its parent run’s trace', async () => {
    const callee = await createWorkflow(t, {
      nodes: [node('n1', 'workflow_trigger'), node('n2', 'text_transform', { template: 'child' })],
      edges: [edge('n1', 'n2')],
    });
    const caller = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('call', 'trigger_workflow', { workflow_id: callee.id, wait_for_completion: true }),
      ],
      edges: [edge('n1', 'call')],
    });
    const res = await t.call('POST', `/workflows/${caller.id}/execute`, {
      body: { context: {} },
      headers: { traceparent: TRACEPARENT },
    });
    expect((await waitForRun(t, res.body.id)).status).toBe('completed');
    const children = await t.call('GET', `/workflows/${callee.id}/executions`);
    expect(children.body.data).toHaveLength(1);
    expect(children.body.data[0].parent_run_id).toBe(res.body.id);
    expect(children.body.data[0].trace_id).toBe(CALLER_TRACE);
  });

  it('the synchronous API takes traceparent', async () => {
    const wf = await createWorkflow(t, {
      nodes: [node('s', 'sync_request_trigger'), node('x', 'text_transform', { template: '{"ok":true}' })],
      edges: [edge('s', 'x')],
    });
    const res = await t.call('POST', `/workflows/sync/${wf.id}`, {
      body: {},
      headers: { traceparent: TRACEPARENT },
    });
    expect(res.status).toBe(200);
    const runId = res.headers.get('x-stratoflow-run-id') as string;
    const run = await t.call('GET', `/workflows/runs/${runId}`);
    expect(run.body.trace_id).toBe(CALLER_TRACE);
  });
});

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  status?: { code?: number };
  attributes: { key: string; value: { stringValue?: string } }[];
}

/** A tiny OTLP/HTTP collector on loopback: records the spans of every JSON POST to /v1/traces. */
async function startCollector() {
  const spans: OtlpSpan[] = [];
  const contentTypes: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      contentTypes.push(String(req.headers['content-type']));
      if (req.url === '/v1/traces' && req.method === 'POST') {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as {
          resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        for (const rs of body.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('OpenTelemetry export', () => {
  it('sends run and node spans of a finished run to the OTLP endpoint, in the caller’s trace', async () => {
    const collector = await startCollector();
    const target = await startTarget();
    const t = await startTestServer(
      { httpAllowedCidrs: '127.0.0.1/32' },
      { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
    );
    let runId = '';
    try {
      const token = await callingWorkflow(t, target);
      const res = await t.call('POST', `/workflows/webhooks/${token}`, {
        token: null,
        body: {},
        headers: { traceparent: TRACEPARENT },
      });
      runId = res.body.run_id;
      expect((await waitForRun(t, runId)).status).toBe('completed');
    } finally {
      await t.close(); // flushes the spans still queued
      await target.close();
      await collector.close();
    }
    expect(collector.contentTypes).toContain('application/json');
    const mine = collector.spans.filter((s) => s.traceId === CALLER_TRACE);
    const runSpan = mine.find((s) => s.spanId === runSpanId(runId));
    expect(runSpan).toBeDefined();
    expect(runSpan?.parentSpanId).toBe(CALLER_SPAN);
    const attr = (s: OtlpSpan | undefined, key: string) =>
      s?.attributes.find((a) => a.key === key)?.value.stringValue;
    expect(attr(runSpan, 'stratoflow.run_id')).toBe(runId);
    expect(attr(runSpan, 'stratoflow.status')).toBe('completed');
    const nodeSpans = mine.filter((s) => s.parentSpanId === runSpanId(runId));
    expect(nodeSpans.map((s) => attr(s, 'stratoflow.node_id')).sort()).toEqual(['call', 'in']);
    const call = nodeSpans.find((s) => attr(s, 'stratoflow.node_id') === 'call');
    // The span the outbound call named as its parent is the node span that was exported.
    expect(call?.spanId).toBe(nodeSpanId(runId, 'call', 1));
    expect(BigInt(call?.endTimeUnixNano ?? 0)).toBeGreaterThanOrEqual(BigInt(call?.startTimeUnixNano ?? 0));
    expect(BigInt(runSpan?.endTimeUnixNano ?? 0)).toBeGreaterThanOrEqual(BigInt(call?.endTimeUnixNano ?? 0));
  });
});
