/**
 * Longer hostile-input fuzz runs than `npm test` does: `npx tsx scripts/fuzz.ts [requests] [seed]`.
 * Starts a server on loopback (temporary data folder), fuzzes it from /openapi.json, prints the status
 * histogram and any 5xx or envelope problem, and records the figures in docs/reliability.md.
 */
import { fuzz } from '../test/helpers/fuzz.js';
import { startTestServer } from '../test/helpers/server.js';
import { createWorkflow, executeAndWait, node } from '../test/helpers/workflows.js';
import { recordFigures } from './reliability-doc.js';

const total = Number(process.argv[2] ?? 50_000);
const seed = Number(process.argv[3] ?? Date.now() % 100_000);
const t = await startTestServer();
try {
  const wf = await createWorkflow(t, { nodes: [node('n1', 'manual_trigger')], edges: [] });
  const run = await executeAndWait(t, wf.id);
  const report = await fuzz({
    baseUrl: t.url,
    token: await t.token(),
    seed,
    total,
    concurrency: 8,
    known: { workflowId: wf.id, runId: run.id },
  });
  const up = (await fetch(`${t.url}/healthz`)).status === 200;
  console.log(JSON.stringify({ ...report, failures: report.failures.slice(0, 50), up }, null, 2));
  recordFigures('fuzz', [
    `- Requests fuzzed: **${report.requests}** (seed ${seed}, ${(report.elapsedMs / 1000).toFixed(1)} s); 5xx answers: **${Object.entries(
      report.byStatus,
    )
      .filter(([s]) => Number(s) >= 500)
      .reduce(
        (n, [, c]) => n + c,
        0,
      )}**; problems (5xx or no error envelope): **${report.failures.length}**; server up afterwards: **${up ? 'yes' : 'no'}**.`,
    `- Status histogram: ${Object.entries(report.byStatus)
      .map(([s, c]) => `${s}: ${c}`)
      .join(', ')}.`,
  ]);
  process.exitCode = report.failures.length === 0 && up ? 0 : 1;
} finally {
  await t.close();
}
