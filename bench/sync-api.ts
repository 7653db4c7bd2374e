/**
 * Overhead of a synchronous API call authorized by a workflow API key (`wfk_...`): a 3-node sync
 * workflow (sync_request_trigger → string_condition → text_transform) called with autocannon on
 * loopback; p50/p99 latency and requests per second, next to GET /healthz as the HTTP floor.
 *   npx tsx bench/sync-api.ts [--duration 10] [--connections 10] [--rounds 3]
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startChildServer } from '../test/helpers/child-server.js';
import { benchApi, median, node, saveResult, tempDir, UNLIMITED_ENV } from './lib.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
  },
});
const api = await startChildServer(tempDir('stratoflow-bench-sync-'), {
  STRATOFLOW_LOG_LEVEL: 'error',
  ...UNLIMITED_ENV,
});
const client = await benchApi(api.url);
const post = (path: string, body: unknown) => client.post<Record<string, string>>(path, body);
const key = (await post('/workflows/vault', { name: 'api-key:bench' })).secret as string;
const workflow = await post('/workflows', {
  name: 'sync bench',
  nodes: [
    node('n1', 'sync_request_trigger'),
    node('n2', 'string_condition', {
      value: '{{ payload.resource_id }}',
      operator: 'starts_with',
      compare_to: 'res_',
    }),
    node('n3', 'text_transform', { template: '{"ok": true, "id": {{ payload.resource_id | json }}}' }),
  ],
  edges: [
    { id: 'e1', source: 'n1', target: 'n2' },
    { id: 'e2', source: 'n2', target: 'n3', sourceHandle: 'true' },
  ],
});

const load = (url: string, method: string, body?: string, auth?: string) =>
  autocannon({
    url,
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    ...(body ? { body } : {}),
    connections: Number(values.connections),
    duration: Number(values.duration),
  });

const rounds: Record<string, number>[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  const floor = await load(`${api.url}/healthz`, 'GET');
  const sync = await load(
    `${api.url}/workflows/sync/${workflow.id}`,
    'POST',
    '{"resource_id":"res_abc123"}',
    key,
  );
  const row = {
    sync_p50_ms: sync.latency.p50,
    sync_p99_ms: sync.latency.p99,
    sync_req_per_s: Math.round(sync.requests.average),
    sync_non_2xx: sync.non2xx + sync.errors,
    healthz_p50_ms: floor.latency.p50,
    healthz_p99_ms: floor.latency.p99,
    healthz_req_per_s: Math.round(floor.requests.average),
  };
  rounds.push(row);
  console.log(`round ${round}:`, JSON.stringify(row));
}
api.child.kill('SIGTERM');
await api.exited;
const pick = (k: string) => median(rounds.map((r) => r[k] as number));
saveResult('sync-api', {
  workflow: 'sync_request_trigger → string_condition → text_transform, wfk_ key',
  store: 'sqlite (embedded); every call is recorded as a run with 3 logs',
  connections: Number(values.connections),
  duration_s: Number(values.duration),
  sync_p50_ms: pick('sync_p50_ms'),
  sync_p99_ms: pick('sync_p99_ms'),
  sync_req_per_s: pick('sync_req_per_s'),
  healthz_p50_ms: pick('healthz_p50_ms'),
  healthz_p99_ms: pick('healthz_p99_ms'),
  rounds,
});
