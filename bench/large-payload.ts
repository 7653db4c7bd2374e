/**
 * Large payloads: a ~5 MB JSON body posted to a synchronous workflow (sync_request_trigger →
 * text_transform) with autocannon, 10 connections, on a real embedded server in a temporary data folder.
 * Every response body is checked against the expected one; prints req/s, p50/p99, errors (transport
 * errors, non-2xx and wrong bodies) and the server's peak RSS (sampled from /proc every 100 ms).
 *   npx tsx bench/large-payload.ts [--duration 10] [--connections 10] [--rounds 3] [--mb 5]
 * Profile the server with STRATOFLOW_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startChildServer } from '../test/helpers/child-server.js';
import { largePayload } from './large-payload-data.js';
import { benchApi, median, node, saveResult, sleep, tempDir, UNLIMITED_ENV } from './lib.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    mb: { type: 'string', default: '5' },
  },
});

/** Peak resident set size of a process, sampled from /proc until `stop()` is called. */
function rssSampler(pid: number) {
  let peak = 0;
  const read = () => {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      peak = Math.max(peak, Number(kb ?? 0) / 1024);
    } catch {}
  };
  const timer = setInterval(read, 100);
  read();
  return {
    stop: () => {
      clearInterval(timer);
      read();
      return Math.round(peak);
    },
  };
}

const payload = largePayload(Number(values.mb));
const body = JSON.stringify(payload);
const last = payload.items[payload.items.length - 1];
const expected = JSON.stringify({ count: payload.items.length, last: last?.id, source: 'inventory-export' });

const server = await startChildServer(tempDir('stratoflow-bench-large-'), {
  STRATOFLOW_LOG_LEVEL: 'error',
  STRATOFLOW_BODY_LIMIT: '16mb',
  ...UNLIMITED_ENV,
});
const pid = server.child.pid as number;
const client = await benchApi(server.url);
const key = (await client.post<{ secret: string }>('/workflows/vault', { name: 'api-key:bench' })).secret;
const workflow = await client.post<{ id: string }>('/workflows', {
  name: 'large payload bench',
  nodes: [
    node('n1', 'sync_request_trigger'),
    node('n2', 'text_transform', {
      template:
        '{"count":{{ payload.items | size }},"last":{{ payload.items.last.id | json }},"source":{{ payload.source | json }}}',
    }),
  ],
  edges: [{ id: 'e1', source: 'n1', target: 'n2' }],
});
await sleep(500);
const idleRss = rssSampler(pid).stop();

const rounds: Record<string, number>[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  let wrongBodies = 0;
  let checked = 0;
  const rss = rssSampler(pid);
  const result = await autocannon({
    url: `${server.url}/workflows/sync/${workflow.id}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body,
    connections: Number(values.connections),
    duration: Number(values.duration),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        body,
        onResponse: (status, text) => {
          checked++;
          let same = false;
          try {
            same = JSON.stringify(JSON.parse(text)) === expected;
          } catch {}
          if (status !== 200 || !same) wrongBodies++;
        },
      },
    ],
  });
  const row = {
    req_per_s: Number(result.requests.average.toFixed(1)),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    wrong_bodies: wrongBodies,
    bodies_checked: checked,
    peak_rss_mb: rss.stop(),
  };
  rounds.push(row);
  console.log(`round ${round}:`, JSON.stringify(row));
}
server.child.kill('SIGTERM');
await server.exited;
const pick = (k: string) => median(rounds.map((r) => r[k] as number));
saveResult('large-payload', {
  workflow: 'sync_request_trigger → text_transform (count, last id), wfk_ key',
  store: 'sqlite (WAL, synchronous=NORMAL); every call is recorded as a run with its logs',
  body_bytes: body.length,
  connections: Number(values.connections),
  duration_s: Number(values.duration),
  idle_rss_mb: idleRss,
  req_per_s: pick('req_per_s'),
  p50_ms: pick('p50_ms'),
  p99_ms: pick('p99_ms'),
  errors: pick('errors'),
  wrong_bodies: pick('wrong_bodies'),
  peak_rss_mb: Math.max(...rounds.map((r) => r.peak_rss_mb as number)),
  rounds,
});
