/**
 * One round of Stratoflow's asynchronous webhook path: autocannon posts events (each answered 202 with a
 * run id), then the round waits until every accepted run has finished. The rate counts only runs that
 * completed successfully, over the load plus the drain; failed runs count as errors.
 */
import autocannon from 'autocannon';
import { type BenchApi, runCounts, sleep } from '../lib.js';
import type { LoadOptions } from './load.js';
import { samplePeakRss } from './process-rss.js';
import type { Round } from './report.js';

const EVENT = JSON.stringify({ event_type: 'site.offline', data: { id: 'site_123' } });
const DRAIN_LIMIT_MS = 120_000;

function isAccepted(body: string): boolean {
  try {
    return typeof JSON.parse(body).run_id === 'string';
  } catch {
    return false;
  }
}

export async function asyncRound(
  pid: number,
  api: BenchApi,
  workflow: { id: string; hookUrl: string },
  options: LoadOptions,
): Promise<Round> {
  const before = await runCounts(api, workflow.id);
  let wrongBodies = 0;
  const rss = samplePeakRss(pid);
  const started = performance.now();
  const result = await autocannon({
    url: workflow.hookUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: EVENT,
    connections: options.connections,
    duration: options.durationS,
    requests: [
      {
        onResponse: (status: number, body: string) => {
          if (status >= 200 && status < 300 && (status !== 202 || !isAccepted(body))) wrongBodies++;
        },
      },
    ],
  });
  // Count on the server: autocannon drops the answers of requests in flight when it stops.
  let after = await runCounts(api, workflow.id);
  while (after.finished < after.total && performance.now() - started < DRAIN_LIMIT_MS) {
    await sleep(50);
    after = await runCounts(api, workflow.id);
  }
  const seconds = (performance.now() - started) / 1000;
  const peak = rss.stop();
  const completed = after.completed - before.completed;
  const notCompleted = after.total - before.total - completed;
  return {
    rate: completed / seconds,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.non2xx + result.errors + wrongBodies + notCompleted,
    count: completed,
    peak_rss_mb: peak,
  };
}
