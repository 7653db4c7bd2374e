/**
 * One round of synchronous load: autocannon posts the workload's body to an engine, checks every 2xx
 * body against the expected JSON, and samples the engine's process-tree RSS meanwhile.
 */
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { samplePeakRss } from './process-rss.js';
import type { Round } from './report.js';

export interface Target {
  url: string;
  headers: Record<string, string>;
}

export interface LoadOptions {
  connections: number;
  durationS: number;
}

export function bodyMatches(body: string, expected: unknown): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(body), expected);
  } catch {
    return false;
  }
}

/** One request, outside the load, so a wrong workflow fails loudly with what came back. */
export async function checkOnce(target: Target, body: string, expected: unknown): Promise<void> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body,
  });
  const text = await response.text();
  if (!response.ok || !bodyMatches(text, expected)) {
    throw new Error(
      `${target.url} answered ${response.status} ${text.slice(0, 300)}; expected ${JSON.stringify(expected)}`,
    );
  }
}

export async function syncRound(
  pid: number,
  target: Target,
  body: string,
  expected: unknown,
  options: LoadOptions,
): Promise<Round> {
  let wrongBodies = 0;
  const rss = samplePeakRss(pid);
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body,
    connections: options.connections,
    duration: options.durationS,
    timeout: 30,
    requests: [
      {
        onResponse: (status: number, responseBody: string) => {
          if (status >= 200 && status < 300 && !bodyMatches(responseBody, expected)) wrongBodies++;
        },
      },
    ],
  });
  const peak = rss.stop();
  const good = result['2xx'] - wrongBodies;
  return {
    rate: good / result.duration,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    // autocannon's `errors` already include its timeouts.
    errors: result.non2xx + result.errors + wrongBodies,
    count: good,
    peak_rss_mb: peak,
  };
}
