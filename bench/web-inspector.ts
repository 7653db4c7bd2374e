/**
 * Benchmark: the run inspector of a run with 200 node logs, in Debian's Chromium against a real server
 * serving the built web app (`npm run build` first). Measures the time from navigation to all 200 node
 * states shown (cold: first load with an empty cache; warm: later loads), median of several rounds.
 *   npx tsx bench/web-inspector.ts [--rounds 5]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { launchBrowser, newPage } from '../test/helpers/browser.js';
import { startTestServer } from '../test/helpers/server.js';
import { waitForRun } from '../test/helpers/workflows.js';
import { chainDefinition, median, node, saveResult } from './lib.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const ROUNDS = Number(values.rounds);
const NODES = 200;
const BUDGET_MS = 1000;

const t = await startTestServer();
const session = await launchBrowser();
try {
  // A chain whose nodes each log a small output (bench/lib's chain repeats the previous text, so its
  // logs grow quadratically to ~2 MB: that measures JSON transfer more than the inspector).
  const { edges } = chainDefinition(NODES - 1);
  const nodes = [node('n0', 'manual_trigger')];
  for (let i = 1; i < NODES; i++)
    nodes.push(node(`n${i}`, 'text_transform', { template: `n${i} of {{ n0.run_id }}` }));
  const created = await t.call('POST', '/workflows', { body: { name: 'Two hundred steps', nodes, edges } });
  if (created.status !== 201) throw new Error(`create failed: ${created.text}`);
  const started = await t.call('POST', `/workflows/${created.body.id}/execute`, { body: { context: {} } });
  const run = await waitForRun(t, started.body.id, { timeoutMs: 60_000 });
  if (run.status !== 'completed' || run.logs.length !== NODES) throw new Error('the run did not complete');

  // The server's first answers on a route compile its serializers: warm them up, as a running server is.
  for (let i = 0; i < 3; i++) {
    for (const path of [`/workflows/runs/${run.id}`, `/workflows/runs/${run.id}/graph`, '/workflows']) {
      await t.call('GET', path);
    }
  }
  const token = await t.token();
  const url = `${t.url}/ui/runs/${run.id}#token=${token}`;
  let page = await newPage(session);
  /** Navigates and waits until every node's state is on screen; returns the elapsed ms. */
  const measure = async () => {
    await page.goto('about:blank');
    const start = performance.now();
    await page.goto(url);
    await page.waitForFunction(
      `document.querySelectorAll('[data-step-status="success"]').length === ${NODES} &&
        document.querySelector('[aria-label="Run graph"]') !== null`,
      null,
      { timeout: 30_000, polling: 'raf' },
    );
    return performance.now() - start;
  };
  // Cold: a fresh browser profile (empty cache) per round; warm: the same page loading it again.
  const colds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await page.context().close();
    page = await newPage(session);
    colds.push(await measure());
  }
  const cold = median(colds);
  const warm: number[] = [];
  for (let i = 0; i < ROUNDS; i++) warm.push(await measure());
  const warmMedian = median(warm);
  console.log(
    `run inspector, ${NODES} node logs: cold median ${cold.toFixed(0)} ms, warm median ${warmMedian.toFixed(0)} ms ` +
      `(max ${Math.max(...warm).toFixed(0)} ms); budget ${BUDGET_MS} ms; load average ${loadavg()[0]?.toFixed(1)}`,
  );
  saveResult('web-inspector', {
    nodes: NODES,
    rounds: ROUNDS,
    cold_median_ms: Math.round(cold),
    cold_max_ms: Math.round(Math.max(...colds)),
    warm_median_ms: Math.round(warmMedian),
    warm_max_ms: Math.round(Math.max(...warm)),
    budget_ms: BUDGET_MS,
    within_budget: cold <= BUDGET_MS && warmMedian <= BUDGET_MS,
    load_average: loadavg().map((n) => Math.round(n * 10) / 10),
    cpus: cpus().length,
  });
} finally {
  await session.close();
  await t.close();
}
