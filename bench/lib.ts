import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../src/api/auth/sign.js';
import { TEST_SECRET } from '../test/helpers/server.js';

const tempDirs = new Set<string>();
process.once('exit', () => [...tempDirs].forEach(removeTempDir));

/**
 * A new folder under the system's temporary folder, deleted when the benchmark exits (a peers run writes
 * gigabytes of databases). `STRATOFLOW_BENCH_KEEP=1` keeps them, to look at afterwards.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Deletes a folder made by tempDir now (a server's data, once it has stopped). */
export function removeTempDir(dir: string) {
  tempDirs.delete(dir);
  if (process.env.STRATOFLOW_BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Writes a benchmark's numbers to bench/results/<name>.json (committed with the change that moved them). */
export function saveResult(name: string, result: Record<string, unknown>) {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const body = { benchmark: name, date: new Date().toISOString(), node: process.version, ...result };
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(body, null, 2)}\n`);
  console.log(JSON.stringify(body, null, 2));
}

export function node(id: string, componentId: string, data: Record<string, unknown> = {}) {
  return { id, type: componentId, position: { x: 0, y: 0 }, data: { componentId, ...data } };
}

export function chainDefinition(length: number) {
  const nodes = [node('n0', 'manual_trigger')];
  const edges = [];
  for (let i = 1; i <= length; i++) {
    nodes.push(
      node(`n${i}`, 'text_transform', { template: `step ${i} of {{ n0.run_id }}: {{ n${i - 1}.text }}` }),
    );
    edges.push({ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
  }
  return { nodes, edges };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The API of a Stratoflow under benchmark, called as organization `org_bench`. */
export interface BenchApi {
  url: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

/** `token`: a bearer token for `org_bench` (default: one signed with the test suites' secret). */
export async function benchApi(url: string, token?: string): Promise<BenchApi> {
  token ??= await signToken(TEST_SECRET, { orgId: 'org_bench', userId: 'usr_bench', expiresIn: '1h' });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    url,
    get: async <T>(path: string) => (await (await fetch(`${url}${path}`, { headers })).json()) as T,
    post: async <T>(path: string, body: unknown) =>
      (await (
        await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
      ).json()) as T,
  };
}

/** A webhook_trigger → text_transform workflow; returns its id and the loopback URL of its webhook. */
export async function createWebhookWorkflow(api: BenchApi, name: string, template: string) {
  const workflow = await api.post<{ id: string; webhook_url: string }>('/workflows', {
    name,
    nodes: [node('n1', 'webhook_trigger'), node('n2', 'text_transform', { template })],
    edges: [{ id: 'e1', source: 'n1', target: 'n2' }],
  });
  return { id: workflow.id, hookUrl: `${api.url}${new URL(workflow.webhook_url).pathname}` };
}

/** Runs of a workflow so far, how many have finished (completed or failed), how many completed. */
export async function runCounts(
  api: BenchApi,
  workflowId: string,
): Promise<{ completed: number; finished: number; total: number }> {
  const stats = await api.get<{ recent_runs: Record<string, number>; total_runs: number }>(
    `/workflows/${workflowId}/logs/stats`,
  );
  return {
    completed: stats.recent_runs.completed ?? 0,
    finished: (stats.recent_runs.completed ?? 0) + (stats.recent_runs.failed ?? 0),
    total: stats.total_runs,
  };
}

/** The machine a figure was measured on, for the documents the scripts write (`loadAtStart`: loadavg()[0]). */
export function machineNote(loadAtStart: number): string {
  const busy = loadAtStart >= 0.5 ? ' (not idle: read timings as relative)' : '';
  return `Measured on ${cpus().length} cores with Node ${process.version}; 1-minute load average ${loadAtStart.toFixed(2)} at the start${busy}.`;
}

/**
 * Server settings for a benchmark whose one client, from one address, is the whole load: the default
 * rate limits and the per-organization cap on synchronous calls (8) would turn it away with 429s.
 */
export const UNLIMITED_ENV: Readonly<Record<string, string>> = {
  STRATOFLOW_RATE_LIMIT: '0',
  STRATOFLOW_WEBHOOK_RATE_LIMIT: '0',
  STRATOFLOW_WEBHOOK_IP_RATE_LIMIT: '0',
  STRATOFLOW_ORG_CONCURRENCY: '0',
};
