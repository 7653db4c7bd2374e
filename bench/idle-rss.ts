/**
 * Idle memory of `stratoflow serve` as users run it (the compiled `dist/`, so run `npm run build` first):
 * starts it in a temporary data folder, waits until it is idle (healthy, then 30 quiet seconds: V8 gives
 * back the young generation start-up grew only when its memory reducer runs, ~20 s after allocation
 * stops), and prints its resident set size, read from /proc. Median of several starts; `rss_mb` is a restart
 * on an existing data folder, `first_start_rss_mb` the very first start (which also creates the schema).
 *   npx tsx bench/idle-rss.ts [--rounds 3] [--settle 30]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { freePort, waitForHealthy } from '../test/helpers/child-server.js';
import { TEST_SECRET } from '../test/helpers/server.js';
import { median, saveResult, sleep, tempDir } from './lib.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    settle: { type: 'string', default: '30' },
  },
});
const entry = new URL('../dist/cli/main.js', import.meta.url).pathname;
if (!existsSync(entry)) throw new Error('dist/cli/main.js is missing: run `npm run build` first.');

function status(pid: number): Record<string, number> {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) / 1024;
  return {
    rss_mb: Math.round(kb('VmRSS')),
    rss_anon_mb: Math.round(kb('RssAnon')),
    hwm_mb: Math.round(kb('VmHWM')),
  };
}

/** Starts `serve` on `dataDir`, waits until it is idle, reads its memory, stops it. */
async function idleServer(dataDir: string): Promise<Record<string, number>> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry, 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      STRATOFLOW_DATA_DIR: dataDir,
      STRATOFLOW_JWT_SECRET: TEST_SECRET,
      STRATOFLOW_LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const readyMs = await waitForHealthy(`http://127.0.0.1:${port}`, 30_000, child);
  await sleep(Number(values.settle) * 1000);
  const row = { ready_ms: readyMs, ...status(child.pid as number) };
  child.kill('SIGTERM');
  await exited;
  return row;
}

// Each round measures a first start (a new data folder: the schema is created, which loads the migration
// code) and a restart on that folder (how a deployed server usually runs).
const firstStarts: Record<string, number>[] = [];
const restarts: Record<string, number>[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  const dataDir = tempDir('stratoflow-bench-idle-');
  firstStarts.push(await idleServer(dataDir));
  restarts.push(await idleServer(dataDir));
  console.log(
    `round ${round}: first start ${JSON.stringify(firstStarts.at(-1))}, restart ${JSON.stringify(restarts.at(-1))}`,
  );
}
const pick = (rows: Record<string, number>[], k: string) => median(rows.map((r) => r[k] as number));
saveResult('idle-rss', {
  command: 'node dist/cli/main.js serve (embedded: API + worker + scheduler, SQLite)',
  settle_s: Number(values.settle),
  rss_mb: pick(restarts, 'rss_mb'),
  rss_anon_mb: pick(restarts, 'rss_anon_mb'),
  ready_ms: pick(restarts, 'ready_ms'),
  first_start_rss_mb: pick(firstStarts, 'rss_mb'),
  first_start_ready_ms: pick(firstStarts, 'ready_ms'),
  first_starts: firstStarts,
  restarts,
});
