/**
 * The peers benchmark's pure parts (median-round selection, RESULTS.md rendering, body checks, n8n
 * workflow shape) and that its Stratoflow workflows answer exactly the JSON the harness expects —
 * so an engine change that breaks the benchmark fails here, not in the lead's 15-minute run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyMatches } from '../bench/peers/load.js';
import { n8nWorkflow } from '../bench/peers/n8n-workflows.js';
import {
  type EngineResult,
  formatRatio,
  medianRound,
  type ReportContext,
  type Round,
  renderResults,
} from '../bench/peers/report.js';
import { syncDefinition } from '../bench/peers/stratoflow.js';
import { CHAIN_LENGTH, syncWorkloads } from '../bench/peers/workloads.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const round = (rate: number, p99_ms: number, errors = 0): Round => ({
  rate,
  p50_ms: p99_ms / 4,
  p99_ms,
  errors,
  count: Math.round(rate * 10),
  peak_rss_mb: 100 + rate,
});

describe('medianRound', () => {
  it('reports the whole round whose rate is the median, not a median per column', () => {
    const rounds = [round(300, 10, 0), round(100, 90, 5), round(200, 50, 1)];
    // Per column, the median p99 would be 50 and errors 1 — here they come from the 200/s round itself.
    expect(medianRound(rounds)).toBe(rounds[2]);
    const skewed = [round(300, 5, 0), round(100, 7, 0), round(200, 900, 3)];
    expect(medianRound(skewed)).toEqual(round(200, 900, 3));
  });

  it('takes the lower middle round of an even count, and refuses no rounds', () => {
    const rounds = [round(40, 1), round(10, 1), round(30, 1), round(20, 1)];
    expect(medianRound(rounds).rate).toBe(20);
    expect(medianRound([round(7, 1)]).rate).toBe(7);
    expect(() => medianRound([])).toThrow(/at least one round/);
  });
});

describe('renderResults', () => {
  const workloads = [
    { id: 'transform', title: 'request → 1 transform → response', unit: 'req/s' },
    { id: 'async', title: 'async path', unit: 'runs/s' },
  ];
  const engines: EngineResult[] = [
    {
      key: 'stratoflow',
      label: 'Stratoflow',
      idle_rss_mb: 70.4,
      rounds: {
        transform: [round(1800, 20), round(1700, 24), round(1600, 30)],
        async: [round(4000, 30), round(4100, 31), round(3900, 29)],
      },
    },
    {
      key: 'n8n-legacy',
      label: 'n8n (legacy expressions)',
      idle_rss_mb: 540,
      rounds: { transform: [round(60, 400, 2), round(70, 440), round(80, 500)] },
    },
  ];
  const context = (durationS: number, loadAverage: number): ReportContext => ({
    date: '2026-12-01T06:00:00Z',
    machine: { cpus: 2, cpuModel: 'Test CPU', memoryGb: 24, node: 'v20.20.2', os: 'Linux', loadAverage },
    sqliteSynchronous: 'normal',
    connections: 10,
    durationS,
    roundCount: 3,
    n8nVersion: '1.123.81',
    settings: { Stratoflow: ['STRATOFLOW_BODY_LIMIT=16mb'], 'n8n (legacy expressions)': [] },
    failures: [],
  });

  it('states the machine and SQLite mode, and puts each median round with its ratio', () => {
    const text = renderResults(context(10, 0.1), workloads, engines);
    expect(text).toContain('2 cores (Test CPU), 24 GB memory, Node v20.20.2');
    expect(text).toContain('`STRATOFLOW_SQLITE_SYNCHRONOUS=normal`');
    expect(text).toContain('| Stratoflow | 1,700 | 6 | 24 | 0 | 1800 | 1× |');
    expect(text).toContain('| n8n (legacy expressions) | 70.0 | 110 | 440 | 0 | 170 | 24× |');
    expect(text).toContain(
      '| request → 1 transform → response | 1,700 req/s, p99 24 ms | 70.0 req/s, p99 440 ms | 24× |',
    );
    // The asynchronous path ran on Stratoflow only: no ratio.
    expect(text).toContain('| async path | 4,000 runs/s, p99 30 ms | – | – |');
    expect(text).toContain('| Stratoflow | 70 | 4200 |');
    expect(text).toContain('`STRATOFLOW_BODY_LIMIT=16mb`');
    expect(text).not.toContain('Provisional');
  });

  it('lists engines that could not be measured', () => {
    const text = renderResults({ ...context(10, 0.1), failures: ['n8n: exited with 1'] }, workloads, engines);
    expect(text).toContain('## Not measured\n\n- n8n: exited with 1');
  });

  it('shows no latency for a round in which nothing finished', () => {
    const idle = { ...round(0, 0), count: 0 };
    const text = renderResults(context(10, 0.1), workloads.slice(0, 1), [
      { key: 'n8n-default', label: 'n8n', idle_rss_mb: 1, rounds: { transform: [idle] } },
    ]);
    expect(text).toContain('| request → 1 transform → response | none finished |');
    expect(text).toContain('| n8n | 0.0 | – | – | 0 | 100 | – |');
  });

  it('marks short or loaded runs as provisional', () => {
    expect(renderResults(context(2, 0.1), workloads, engines)).toContain('**Provisional:**');
    expect(renderResults(context(10, 1.7), workloads, engines)).toContain('**Provisional:**');
  });

  it('formats ratios, with a dash when a side is missing', () => {
    expect(formatRatio(1700, 70)).toBe('24×');
    expect(formatRatio(3.7, 3.5)).toBe('1.1×');
    expect(formatRatio(undefined, 3.5)).toBe('–');
    expect(formatRatio(10, 0)).toBe('–');
  });
});

describe('workloads', () => {
  it('compares answers as JSON values, whatever the spacing', () => {
    expect(bodyMatches('{"ok": true, "id": "res_abc123"}', { ok: true, id: 'res_abc123' })).toBe(true);
    expect(bodyMatches('{"id":"res_abc123","ok":true}', { ok: true, id: 'res_abc123' })).toBe(true);
    expect(bodyMatches('{"ok":true}', { ok: true, id: 'res_abc123' })).toBe(false);
    expect(bodyMatches('<html>', { ok: true })).toBe(false);
  });

  it('builds the n8n chain as a webhook followed by 40 Set nodes in one line', () => {
    const workflow = n8nWorkflow('chain');
    expect(workflow.nodes).toHaveLength(CHAIN_LENGTH + 1);
    expect(workflow.nodes[0]!.type).toBe('n8n-nodes-base.webhook');
    const targets = Object.values(workflow.connections).map(
      (c) => (c as { main: { node: string }[][] }).main[0]![0]!.node,
    );
    expect(targets).toEqual(workflow.nodes.slice(1).map((n) => n.name));
  });

  describe('the Stratoflow workflows answer the expected JSON', () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer({ bodyLimitBytes: 16 * 1024 * 1024 });
    });
    afterAll(() => t.close());

    for (const workload of syncWorkloads()) {
      it(workload.id, async () => {
        const created = await t.call('POST', '/workflows', {
          body: { name: workload.id, ...syncDefinition(workload.id) },
        });
        expect(created.status).toBe(201);
        const answer = await t.call('POST', `/workflows/sync/${created.body.id}`, { rawBody: workload.body });
        expect(answer.status).toBe(200);
        expect(bodyMatches(answer.text, workload.expected)).toBe(true);
      });
    }
  });
});
