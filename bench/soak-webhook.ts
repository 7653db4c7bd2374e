/**
 * Soak (issue 12 item 10): webhook deliveries at half the measured maximum rate for `--minutes` (default
 * 10), on loopback. Reports the server's RSS at start and end, and per minute the p99 latency of the 202
 * and the backlog (runs accepted but not finished): all should stay flat.
 *   npx tsx bench/soak-webhook.ts                   # measures the maximum (10 s of autocannon), then 10 min
 *   npx tsx bench/soak-webhook.ts --minutes 2 --rate 300
 * Writes its figures into docs/reliability.md (block `soak-webhook`).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { recordFigures } from '../scripts/reliability-doc.js';
import { freePort, spawnStratoflow, waitForHealthy } from '../test/helpers/child-server.js';
import { benchApi, createWebhookWorkflow, machineNote, runCounts, sleep, tempDir } from './lib.js';

const loadAtStart = loadavg()[0] ?? 0;
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    /** Deliveries per second; default half the maximum measured first. */
    rate: { type: 'string' },
    'no-doc': { type: 'boolean', default: false },
  },
});
const MINUTES = Number(values.minutes);

const port = await freePort();
const server = spawnStratoflow(['serve'], {
  PORT: String(port),
  STRATOFLOW_DATA_DIR: tempDir('stratoflow-soak-wh-'),
  STRATOFLOW_LOG_LEVEL: 'error',
  STRATOFLOW_WEBHOOK_RATE_LIMIT: '0',
  STRATOFLOW_WEBHOOK_IP_RATE_LIMIT: '0',
  STRATOFLOW_RATE_LIMIT: '0',
});
const url = `http://127.0.0.1:${port}`;
// Generous: the server starts through tsx, slowly on a loaded machine.
await waitForHealthy(url, 120_000, server.child);
const api = await benchApi(url);
const workflow = await createWebhookWorkflow(api, 'soak', 'event {{ n1.event_type }} for {{ n1.data.id }}');
const body = JSON.stringify({ event_type: 'site.offline', data: { id: 'site_123' } });

function rssMb(): number {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function settle() {
  for (let i = 0; i < 600; i++) {
    const { finished, total } = await runCounts(api, workflow.id);
    if (finished >= total) return;
    await sleep(100);
  }
}

let maxRate = 0;
if (!values.rate) {
  const result = await autocannon({
    url: workflow.hookUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 50,
    duration: 10,
  });
  maxRate = Math.round(result.requests.average);
  await settle();
}
const rate = Number(values.rate ?? Math.max(1, Math.floor(maxRate / 2)));
const rssStart = rssMb();

interface Minute {
  minute: number;
  sent: number;
  errors: number;
  p99: number;
  backlog: number;
  rss: number;
}
const minutes: Minute[] = [];
const TICK_MS = 100;
for (let m = 1; m <= MINUTES; m++) {
  const latencies: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  const minuteStart = performance.now();
  let sent = 0;
  // Open loop: a fixed number of deliveries per tick whatever the answers' latency.
  while (performance.now() - minuteStart < 60_000) {
    const due = Math.floor(((performance.now() - minuteStart) / 1000) * rate) - sent;
    for (let i = 0; i < due; i++) {
      sent++;
      const t0 = performance.now();
      pending.push(
        fetch(workflow.hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
          .then(async (res) => {
            await res.arrayBuffer();
            if (res.status !== 202) errors++;
            latencies.push(performance.now() - t0);
          })
          .catch(() => {
            errors++;
          }),
      );
    }
    await sleep(TICK_MS);
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  const { finished, total } = await runCounts(api, workflow.id);
  minutes.push({
    minute: m,
    sent,
    errors,
    p99: Math.round(p99 * 10) / 10,
    backlog: total - finished,
    rss: rssMb(),
  });
  console.log(JSON.stringify(minutes.at(-1)));
}
const rssEnd = rssMb();
server.child.kill('SIGTERM');
await server.exited;

const lines = [
  `- Rate: **${rate}/s** (${maxRate ? `half the measured maximum of ${maxRate}/s` : 'given with --rate'}), ${MINUTES} minute(s), SQLite embedded (\`STRATOFLOW_SQLITE_SYNCHRONOUS=normal\`).`,
  `- Server RSS: **${rssStart} MB** at start, **${rssEnd} MB** at end (the server runs from the TypeScript sources through tsx, which adds its own memory).`,
  '',
  '| Minute | Sent | Errors | p99 of the 202 (ms) | Backlog at end of minute | RSS (MB) |',
  '| --- | --- | --- | --- | --- | --- |',
  ...minutes.map((m) => `| ${m.minute} | ${m.sent} | ${m.errors} | ${m.p99} | ${m.backlog} | ${m.rss} |`),
  '',
  machineNote(loadAtStart),
];
console.log(lines.join('\n'));
if (!values['no-doc']) recordFigures('soak-webhook', lines);
