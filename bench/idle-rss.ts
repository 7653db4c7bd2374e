/**
 * Idle memory of `stratoflow serve` as users run it (the compiled `dist/`, so run `npm run build` first):
 * starts it in a temporary data folder, waits until it is idle (healthy, then 30 quiet seconds: V8 gives
 * back the young generation start-up grew only when its memory reducer runs, ~20 s after allocation
 * stops), and prints its resident set size, read from /proc. Median of several starts.
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

const rounds: Record<string, number>[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  const port = await freePort();
  const child = spawn(process.execPath, [entry, 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      STRATOFLOW_DATA_DIR: tempDir('stratoflow-bench-idle-'),
      STRATOFLOW_JWT_SECRET: TEST_SECRET,
      STRATOFLOW_LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const readyMs = await waitForHealthy(`http://127.0.0.1:${port}`, 30_000, child);
  await sleep(Number(values.settle) * 1000);
  const row = { ready_ms: readyMs, ...status(child.pid as number) };
  rounds.push(row);
  console.log(`round ${round}:`, JSON.stringify(row));
  child.kill('SIGTERM');
  await exited;
}
const pick = (k: string) => median(rounds.map((r) => r[k] as number));
saveResult('idle-rss', {
  command: 'node dist/cli/main.js serve (embedded: API + worker + scheduler, SQLite)',
  settle_s: Number(values.settle),
  rss_mb: pick('rss_mb'),
  rss_anon_mb: pick('rss_anon_mb'),
  ready_ms: pick('ready_ms'),
  rounds,
});
