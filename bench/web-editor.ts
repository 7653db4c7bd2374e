/**
 * The web editor's weight and speed (not a timed test): how long a 200-node workflow takes from
 * navigation to a canvas showing every node and answering a click, in Debian's Chromium against a real
 * server; and the JavaScript index.html loads before any lazy chunk, gzipped. Needs `npm run build:web`.
 *
 *   npx tsx bench/web-editor.ts [--rounds 5] [--nodes 200]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { WEB_APP_DIR } from '../src/server.js';
import { CHROMIUM, launchBrowser, newPage } from '../test/helpers/browser.js';
import { startTestServer } from '../test/helpers/server.js';
import { median, node, saveResult } from './lib.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, nodes: { type: 'string', default: '200' } },
});
const rounds = Number(values.rounds);
const count = Number(values.nodes);

if (!existsSync(join(WEB_APP_DIR, 'index.html')) || !existsSync(CHROMIUM)) {
  throw new Error(`Needs the built web app (npm run build:web) and Chromium at ${CHROMIUM}.`);
}

/** A trigger, then conditions branching into text transforms, laid out in rows of ten. */
function bigWorkflow(size: number) {
  const nodes = [node('n1', 'manual_trigger')];
  const edges: Array<{ id: string; source: string; target: string; sourceHandle?: string }> = [];
  for (let i = 2; i <= size; i++) {
    const condition = i % 5 === 0;
    nodes.push(
      condition
        ? node(`n${i}`, 'string_condition', {
            value: `{{ n${i - 1}.text }}`,
            operator: 'contains',
            compare_to: 'x',
          })
        : node(`n${i}`, 'text_transform', { template: `step ${i}: {{ n${i - 1}.text }}` }),
    );
    const parent = i - 1;
    const edge: (typeof edges)[number] = { id: `e${i}`, source: `n${parent}`, target: `n${i}` };
    if (parent % 5 === 0) edge.sourceHandle = 'true';
    edges.push(edge);
  }
  nodes.forEach((n, i) => {
    n.position = { x: (i % 10) * 260, y: Math.floor(i / 10) * 130 };
  });
  return { nodes, edges };
}

function initialJs() {
  const html = readFileSync(join(WEB_APP_DIR, 'index.html'), 'utf8');
  const assets = [
    ...html.matchAll(/<script[^>]+src="\/ui\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/ui\/([^"]+\.js)"/g),
  ].map((m) => m[1] as string);
  let raw = 0;
  let gzip = 0;
  for (const asset of assets) {
    const body = readFileSync(join(WEB_APP_DIR, asset));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { assets, rawKb: +(raw / 1024).toFixed(1), gzipKb: +(gzip / 1024).toFixed(1) };
}

const t = await startTestServer();
const session = await launchBrowser();
try {
  const created = await t.call('POST', '/workflows', {
    body: { name: `${count} nodes`, ...bigWorkflow(count) },
  });
  if (created.status !== 201 && created.status !== 200) throw new Error(`create: ${created.text}`);
  const id = created.body.id as string;
  const page = await newPage(session);
  const token = await t.token();
  await page.goto(`${t.url}/ui/#token=${token}`);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();

  const timings: number[] = [];
  const shownTimings: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const started = Date.now();
    await page.goto(`${t.url}/ui/workflows/${id}`);
    await page.waitForFunction(
      (n) => {
        // biome-ignore lint/suspicious/noExplicitAny: the DOM exists in the page, not in this file's types
        const page = globalThis as any;
        const nodes = page.document.querySelectorAll('.react-flow__node');
        if (nodes.length < n) return false;
        return page.getComputedStyle(nodes[nodes.length - 1]).visibility !== 'hidden';
      },
      count,
      { polling: 'raf', timeout: 30_000 },
    );
    const shown = Date.now() - started;
    await page.locator('.react-flow__node[data-id="n7"]').click();
    await page.getByRole('complementary', { name: 'Node n7' }).waitFor();
    const elapsed = Date.now() - started;
    shownTimings.push(shown);
    if (round > 0) timings.push(elapsed); // round 0 warms the server and the browser cache
    console.log(
      `round ${round}: ${elapsed} ms, all nodes shown at ${shown} ms${round === 0 ? ' (warm-up)' : ''}`,
    );
  }
  // Selecting nodes on the open canvas, one after another.
  const selectTimings: number[] = [];
  for (const nodeId of ['n12', 'n23', 'n34', 'n45', 'n56']) {
    const started = Date.now();
    await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
    await page.getByRole('complementary', { name: `Node ${nodeId}` }).waitFor();
    selectTimings.push(Date.now() - started);
  }
  console.log(`select a node: ${selectTimings.join(', ')} ms`);
  const js = initialJs();
  saveResult('web-editor', {
    nodes: count,
    rounds,
    open_to_interactive_ms_median: median(timings),
    open_to_interactive_ms: timings,
    open_goal_ms: 1000,
    all_nodes_shown_ms_median: median(shownTimings.slice(1)),
    select_node_ms_median: median(selectTimings),
    initial_js_gzip_kb: js.gzipKb,
    initial_js_raw_kb: js.rawKb,
    initial_js_goal_gzip_kb: 350,
    initial_assets: js.assets,
  });
} finally {
  await session.close();
  await t.close();
}
