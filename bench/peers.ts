/**
 * Stratoflow and n8n side by side (issue 14): the same synchronous workloads against an embedded
 * Stratoflow server and against n8n (legacy expression engine, then its default one), one engine after
 * the other; Stratoflow's asynchronous webhook path on its own. Writes bench/RESULTS.md and
 * bench/results/peers.json. The first run installs n8n into bench/.peers/n8n (several minutes).
 *   npm run bench:peers [-- --rounds 3 --duration 10 --large-duration 40 --connections 10 --only stratoflow|n8n]
 */
import { statfsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem, type } from 'node:os';
import { parseArgs } from 'node:util';
import { saveResult, sleep } from './lib.js';
import { asyncRound } from './peers/async-round.js';
import { checkOnce, type LoadOptions, syncRound, type Target } from './peers/load.js';
import { ensureN8n, N8N_VARIANTS, N8N_VERSION, startN8n } from './peers/n8n.js';
import { treeRssMb } from './peers/process-rss.js';
import { type EngineResult, type Round, renderResults } from './peers/report.js';
import { startStratoflow } from './peers/stratoflow.js';
import { ASYNC_WORKLOAD, type SyncWorkload, syncWorkloads } from './peers/workloads.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    /** Rounds of the 4.9 MB workload: n8n needs seconds per call, so 10 s rounds would barely finish one. */
    'large-duration': { type: 'string', default: '40' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});
if (values.only && values.only !== 'stratoflow' && values.only !== 'n8n') {
  throw new Error('--only takes stratoflow or n8n');
}
function positive(name: string, value: string, integer: boolean): number {
  const n = Number(value);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be a positive number`);
  return n;
}
const ROUNDS = positive('rounds', values.rounds, true);
const load: LoadOptions = {
  connections: positive('connections', values.connections, true),
  durationS: positive('duration', values.duration, false),
};
const largeLoad: LoadOptions = {
  ...load,
  durationS: positive('large-duration', values['large-duration'], false),
};
/** Unreported load before each workload's rounds: JIT, caches and SQLite pages warm for both engines. */
const warmup: LoadOptions = { ...load, durationS: Math.min(3, load.durationS) };
/**
 * Idle means after start-up has settled: V8 gives back the young generation it grew while loading
 * (32 MB on Node 20) only when its memory reducer runs, about 20 s after allocation stops.
 */
const SETTLE_MS = 30_000;
const sqliteSynchronous = process.env.STRATOFLOW_SQLITE_SYNCHRONOUS || 'normal';
const workloads = syncWorkloads();

const say = (line: string) => process.stderr.write(`${line}\n`);
const show = (r: Round) =>
  `${r.rate.toFixed(1)}/s p50 ${r.p50_ms} ms p99 ${r.p99_ms} ms, ${r.errors} errors, peak ${Math.round(r.peak_rss_mb)} MB`;

async function rounds(
  label: string,
  run: (options: LoadOptions) => Promise<Round>,
  roundLoad: LoadOptions = load,
): Promise<Round[]> {
  await run(warmup);
  const all: Round[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    all.push(await run(roundLoad));
    const round = all.at(-1)!;
    say(`  ${label} round ${i}: ${show(round)}`);
    if (round.count === 0) say(`  (no request finished within the round: raise --duration)`);
  }
  return all;
}

async function syncRounds(pid: number, targets: Record<string, Target>, w: SyncWorkload) {
  const target = targets[w.id]!;
  await checkOnce(target, w.body, w.expected);
  return rounds(
    w.id,
    (options) => syncRound(pid, target, w.body, w.expected, options),
    w.id === 'large' ? largeLoad : load,
  );
}

async function idleRss(pid: number): Promise<number> {
  await sleep(SETTLE_MS);
  return treeRssMb(pid);
}

// Each engine's data folder is in the temporary folder until the engine stops, and a Stratoflow server's
// database grows to ~5 GB over the 4.9 MB rounds: do not start on a disk that this would fill.
const NEEDED_GB = 8;
const { bavail, bsize } = statfsSync(tmpdir());
const freeGb = (bavail * bsize) / 2 ** 30;
if (freeGb < NEEDED_GB) {
  say(
    `bench:peers needs ~${NEEDED_GB} GB free in ${tmpdir()} (an engine's database grows to ~5 GB), ` +
      `and ${freeGb.toFixed(1)} GB are: free some space or point TMPDIR elsewhere.`,
  );
  process.exit(1);
}

// `npm run bench:peers` builds just before this script, which leaves the one-minute load average up:
// wait (at most two minutes) for the machine to settle, so that the run is not marked provisional for it.
for (let waited = 0; (loadavg()[0] ?? 0) > 0.5 && waited < 120_000; waited += 5000) {
  if (waited === 0) say('Waiting for the load average to fall below 0.5 (at most 2 minutes)…');
  await sleep(5000);
}
const startLoad = loadavg()[0] ?? 0;
const engines: EngineResult[] = [];
const settings: Record<string, string[]> = {};
const failures: string[] = [];

interface Running {
  pid: number;
  targets: Record<string, Target>;
  settings: string[];
  stop(): Promise<void>;
}

/** Starts one engine, runs every synchronous workload (and `more`), stops it; a failure is reported, not fatal. */
async function measure<S extends Running>(
  key: string,
  label: string,
  start: () => Promise<S>,
  more?: (server: S, engine: EngineResult) => Promise<void>,
) {
  say(`${label}: starting`);
  let server: S | undefined;
  try {
    server = await start();
    const engine: EngineResult = { key, label, idle_rss_mb: await idleRss(server.pid), rounds: {} };
    for (const w of workloads) engine.rounds[w.id] = await syncRounds(server.pid, server.targets, w);
    await more?.(server, engine);
    engines.push(engine);
    settings[label] = server.settings;
  } catch (error) {
    failures.push(`${label}: ${(error as Error).message}`);
    say(`${label} failed: ${(error as Error).stack}`);
  } finally {
    await server?.stop();
  }
}

if (values.only !== 'n8n') {
  await measure(
    'stratoflow',
    'Stratoflow',
    () =>
      startStratoflow(
        workloads.map((w) => w.id),
        sqliteSynchronous,
        load.connections,
      ),
    async (server, engine) => {
      engine.rounds[ASYNC_WORKLOAD.id] = await rounds(ASYNC_WORKLOAD.id, (options) =>
        asyncRound(server.pid, server.api, server.asyncWorkflow, options),
      );
    },
  );
}

if (values.only !== 'stratoflow') {
  await ensureN8n(say);
  for (const variant of N8N_VARIANTS) {
    await measure(variant.key, variant.label, () => startN8n(variant, workloads, say));
  }
}

const cpu = cpus();
const context = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  machine: {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown CPU',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: type(),
    loadAverage: startLoad,
  },
  sqliteSynchronous,
  connections: load.connections,
  durationS: load.durationS,
  largeDurationS: largeLoad.durationS,
  roundCount: ROUNDS,
  n8nVersion: N8N_VERSION,
  settings,
  failures,
};
writeFileSync(
  new URL('./RESULTS.md', import.meta.url),
  renderResults(context, [...workloads, ASYNC_WORKLOAD], engines),
);
saveResult('peers', { ...context, engines });
say('Wrote bench/RESULTS.md and bench/results/peers.json');
if (failures.length > 0) process.exitCode = 1;
