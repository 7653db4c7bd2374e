/**
 * Counts the PostgreSQL statements one run costs, from the server's own statement log
 * (`log_statement=all`): webhook → text_transform through an API process (--no-worker) and one worker
 * process, N runs one after another, statements logged during them divided by N.
 *   npx tsx bench/postgres-statements.ts [--runs 200]
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { spawnStratoflow, startChildServer } from '../test/helpers/child-server.js';
import { findPostgresBinDir, startThrowawayCluster } from '../test/helpers/pg-cluster.js';
import { benchApi, createWebhookWorkflow, runCounts, saveResult, sleep, tempDir } from './lib.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const RUNS = Number(values.runs);
const cluster = await startThrowawayCluster(findPostgresBinDir() ?? '', {
  durable: true,
  logStatements: true,
});
const env = { DATABASE_URL: cluster.url, STRATOFLOW_LOG_LEVEL: 'error' };
const api = await startChildServer(tempDir('stratoflow-bench-stmt-'), env, ['--no-worker']);
const worker = spawnStratoflow(['worker'], env);
const client = await benchApi(api.url);
const workflow = await createWebhookWorkflow(client, 'statements', 'hi {{ n1.name }}');
const hook = workflow.hookUrl;
const finished = async () => (await runCounts(client, workflow.id)).finished;
const countStatements = () =>
  readFileSync(cluster.logFile, 'utf8')
    .split('\n')
    .filter((line) => /LOG: {2}(statement|execute [^:]*):/.test(line)).length;

await sleep(1500); // let start-up queries (migrations, LISTEN) settle
const offset = statSync(cluster.logFile).size;
const before = countStatements();
for (let i = 0; i < RUNS; i++) {
  await fetch(hook, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"name":"x"}',
  });
  while ((await finished()) < i + 1) await sleep(2);
}
// The polling above also ran statements (stats queries): count them separately and subtract.
const during = countStatements() - before;
const polls = readFileSync(cluster.logFile, 'utf8')
  .slice(offset)
  .split('\n')
  .filter((l) =>
    /LOG: {2}(statement|execute [^:]*):.*FROM (logs|runs) WHERE org_id = \$1 AND workflow_id = \$2/.test(l),
  ).length;
const perRun = (during - polls) / RUNS;
worker.child.kill('SIGTERM');
api.child.kill('SIGTERM');
await Promise.all([worker.exited, api.exited]);
if (process.env.BENCH_KEEP_LOG) console.log(readFileSync(cluster.logFile, 'utf8').slice(offset));
await cluster.stop();
saveResult('postgres-statements', {
  runs: RUNS,
  workflow: 'webhook_trigger → text_transform',
  statements_per_run: Number(perRun.toFixed(2)),
  note: 'API process (--no-worker) + 1 worker process; counted from log_statement=all, status polling excluded; BEGIN/COMMIT count as statements',
});
