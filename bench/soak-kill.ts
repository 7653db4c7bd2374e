/**
 * Soak (issue 12 item 10): runs submitted under load while the server is `kill -9`ed at random and
 * restarted. Every run must end (none lost, none stuck); a run's side effect (a POST to a loopback
 * counter) may repeat only for runs that were in flight at a kill. Loopback only, bounded.
 *   npx tsx bench/soak-kill.ts                                   # SQLite, one process: 1,000 runs, 20 kills
 *   npx tsx bench/soak-kill.ts --store postgres --processes 3    # three processes on one PostgreSQL
 *   npx tsx bench/soak-kill.ts --runs 200 --kills 5              # shorter
 * Writes its figures into docs/reliability.md (block `soak-kill-sqlite` / `soak-kill-postgres`).
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { recordFigures } from '../scripts/reliability-doc.js';
import { freePort, spawnStratoflow, waitForHealthy } from '../test/helpers/child-server.js';
import { findPostgresBinDir, startThrowawayCluster } from '../test/helpers/pg-cluster.js';
import { benchApi, machineNote, node, sleep, tempDir } from './lib.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    processes: { type: 'string', default: '1' },
    runs: { type: 'string', default: '1000' },
    kills: { type: 'string', default: '20' },
    /** Runs submitted at once (the load). */
    concurrency: { type: 'string', default: '20' },
    /** Longest wait for the last runs to finish after the last kill (stuck otherwise). */
    'settle-seconds': { type: 'string', default: '180' },
    'no-doc': { type: 'boolean', default: false },
  },
});
const loadAtStart = loadavg()[0] ?? 0;
const RUNS = Number(values.runs);
const KILLS = Number(values.kills);
const postgres = values.store === 'postgres';
const PROCESSES = postgres ? Number(values.processes) : 1;

// The side effect: every delivery of run n is counted.
const deliveries = new Map<number, number>();
const counter = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const n = Number((JSON.parse(body || '{}') as { n?: number }).n);
    deliveries.set(n, (deliveries.get(n) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
const counterUrl = `http://127.0.0.1:${(counter.address() as AddressInfo).port}/effect`;

const cluster = postgres ? await startThrowawayCluster(findPostgresBinDir() ?? '', { durable: true }) : null;
const env: NodeJS.ProcessEnv = {
  STRATOFLOW_LOG_LEVEL: 'error',
  STRATOFLOW_RATE_LIMIT: '0',
  STRATOFLOW_HTTP_ALLOWED_CIDRS: '127.0.0.0/8',
  STRATOFLOW_LEASE_MS: '3000', // a killed process's runs are taken over after 3 s (PostgreSQL)
  STRATOFLOW_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  ...(cluster ? { DATABASE_URL: cluster.url } : {}),
};

interface Proc {
  port: number;
  url: string;
  dataDir: string;
  child: ChildProcess | null;
}
const procs: Proc[] = [];
for (let i = 0; i < PROCESSES; i++) {
  const port = await freePort();
  procs.push({ port, url: `http://127.0.0.1:${port}`, dataDir: tempDir('stratoflow-soak-'), child: null });
}
async function start(p: Proc) {
  const { child } = spawnStratoflow(['serve'], {
    ...env,
    PORT: String(p.port),
    STRATOFLOW_DATA_DIR: p.dataDir,
  });
  p.child = child;
  await waitForHealthy(p.url, 60_000, child);
}
for (const p of procs) await start(p);

const api = await benchApi(procs[0]?.url as string);
const workflow = await api.post<{ id: string }>('/workflows', {
  name: 'soak',
  nodes: [
    node('n1', 'manual_trigger'),
    node('effect', 'webhook', { method: 'POST', url: counterUrl, body: '{"n": {{ n1.n }}}' }),
    node('n3', 'text_transform', { template: 'done {{ n1.n }}' }),
  ],
  edges: [
    { id: 'e1', source: 'n1', target: 'effect' },
    { id: 'e2', source: 'effect', target: 'n3' },
  ],
});
const headers = async () => {
  const { signToken } = await import('../src/api/auth/sign.js');
  const { TEST_SECRET } = await import('../test/helpers/server.js');
  const bearer = await signToken(TEST_SECRET, { orgId: 'org_bench', userId: 'usr_bench', expiresIn: '2h' });
  return { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' };
};
const auth = await headers();

/** Any live process, round robin. */
let next = 0;
function someProcess(): Proc {
  for (let i = 0; i < procs.length; i++) {
    const p = procs[(next++ + i) % procs.length] as Proc;
    if (p.child && p.child.exitCode === null && p.child.signalCode === null) return p;
  }
  return procs[0] as Proc;
}

async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  // Retries through kills (connection refused while a process restarts), for up to two minutes.
  const deadline = Date.now() + 120_000;
  while (true) {
    try {
      const res = await fetch(`${someProcess().url}${path}`, {
        method,
        headers: { ...auth, ...extra },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (res.status >= 500 && Date.now() < deadline) throw new Error(`status ${res.status}`);
      return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await sleep(100);
    }
  }
}

// Load: RUNS submissions, `concurrency` at a time, each with an Idempotency-Key so a retry after a kill
// never makes a second run.
const runIds = new Map<number, string>();
let submitted = 0;
async function submitter() {
  while (submitted < RUNS) {
    const n = submitted++;
    const res = await call(
      'POST',
      `/workflows/${workflow.id}/execute`,
      { context: { n } },
      { 'idempotency-key': `soak-${n}` },
    );
    if (res.status !== 202) throw new Error(`execute answered ${res.status}`);
    runIds.set(n, res.body.id as string);
  }
}

async function inFlight(): Promise<number> {
  let total = 0;
  for (const status of ['pending', 'running']) {
    const res = await call('GET', `/workflows/${workflow.id}/executions?status=${status}&per_page=1`);
    total += Number((res.body as { meta?: { total?: number } }).meta?.total ?? 0);
  }
  return total;
}

// Kills: spread over the submission period, at random moments.
const started = Date.now();
const inFlightAtKills: number[] = [];
const restartMs: number[] = [];
async function killer() {
  for (let k = 0; k < KILLS; k++) {
    await sleep(300 + Math.random() * 1200);
    const victim = procs[Math.floor(Math.random() * procs.length)] as Proc;
    inFlightAtKills.push(await inFlight());
    victim.child?.kill('SIGKILL');
    await new Promise((r) => victim.child?.once('exit', r));
    const t0 = Date.now();
    await start(victim);
    restartMs.push(Date.now() - t0);
  }
}
const load = Promise.all(Array.from({ length: Number(values.concurrency) }, submitter));
await Promise.all([load, killer()]);
const loadSeconds = (Date.now() - started) / 1000;

// Settle: every accepted run must finish.
const settleDeadline = Date.now() + Number(values['settle-seconds']) * 1000;
const status = new Map<number, string>();
while (Date.now() < settleDeadline) {
  for (const [n, id] of runIds) {
    if (status.get(n) === 'completed' || status.get(n) === 'failed') continue;
    const res = await call('GET', `/workflows/runs/${id}`);
    status.set(n, res.status === 404 ? 'lost' : String(res.body.status));
  }
  const open = [...status.values()].filter((s) => s !== 'completed' && s !== 'failed' && s !== 'lost');
  if (open.length === 0) break;
  await sleep(500);
}
const count = (s: string) => [...status.values()].filter((v) => v === s).length;
const lost = count('lost') + (RUNS - runIds.size);
const stuck = RUNS - count('completed') - count('failed') - count('lost');
const duplicates = [...deliveries.values()].reduce((sum, d) => sum + Math.max(0, d - 1), 0);
const missingEffects = [...runIds.keys()].filter(
  (n) => status.get(n) === 'completed' && !deliveries.has(n),
).length;
const boundOk = duplicates <= inFlightAtKills.reduce((a, b) => a + b, 0);

for (const p of procs) p.child?.kill('SIGTERM');
await Promise.all(
  procs.map((p) => new Promise((r) => (p.child?.exitCode === null ? p.child.once('exit', r) : r(0)))),
);
counter.close();
await cluster?.stop();

const label = postgres ? `PostgreSQL, ${PROCESSES} processes (each API + worker)` : 'SQLite, one process';
const lines = [
  `- ${label}: **${RUNS}** runs submitted ${values.concurrency} at a time, **${KILLS}** \`kill -9\` at random moments and restarts (${loadSeconds.toFixed(0)} s).`,
  `- Runs lost: **${lost}**; stuck: **${stuck}**; completed: ${count('completed')}; failed: ${count('failed')}.`,
  `- Duplicate side effects: **${duplicates}** (bound: runs in flight at the kills, ${inFlightAtKills.reduce((a, b) => a + b, 0)} in all; ${boundOk ? 'within' : 'OVER'} the bound); completed runs without their side effect: ${missingEffects}.`,
  `- Restart to healthy: median ${restartMs.sort((a, b) => a - b)[Math.floor(restartMs.length / 2)] ?? 0} ms.`,
  `- ${machineNote(loadAtStart)}`,
];
console.log(lines.join('\n'));
if (!values['no-doc']) recordFigures(postgres ? 'soak-kill-postgres' : 'soak-kill-sqlite', lines);
process.exit(lost === 0 && stuck === 0 && boundOk && missingEffects === 0 ? 0 : 1);
