/**
 * The synchronous workloads both engines run: the same request body, the same expected answer. Each
 * engine builds its own equivalent workflow for a workload id (bench/peers/stratoflow.ts, n8n-workflows.ts).
 */
import type { WorkloadInfo } from './report.js';

export const CHAIN_LENGTH = 40;

export interface SyncWorkload extends WorkloadInfo {
  /** Request body, sent as-is with `content-type: application/json`. */
  body: string;
  /** The JSON every response must parse to. */
  expected: unknown;
}

/** About 4.9 MB of JSON: `{ items: [...] }` with `count` items of roughly 100 bytes each. */
export function largeBody(count = 44_000): { body: string; count: number } {
  const items = Array.from({ length: count }, (_, i) => ({
    id: `item_${String(i + 1).padStart(6, '0')}`,
    name: `Site ${i + 1} in region eu-west-${i % 3}`,
    online: i % 7 !== 0,
    value: (i * 7919) % 100_000,
    tags: ['edge', i % 2 ? 'even' : 'odd'],
  }));
  return { body: JSON.stringify({ items }), count };
}

export function syncWorkloads(): SyncWorkload[] {
  const large = largeBody();
  const lastId = `item_${String(large.count).padStart(6, '0')}`;
  return [
    {
      id: 'transform',
      title: 'request → 1 transform → response',
      unit: 'req/s',
      body: JSON.stringify({ resource_id: 'res_abc123' }),
      expected: { ok: true, id: 'res_abc123' },
    },
    {
      id: 'chain',
      title: `request → ${CHAIN_LENGTH}-node chain → response`,
      unit: 'req/s',
      body: JSON.stringify({ n: 1 }),
      expected: { n: 1 + CHAIN_LENGTH },
    },
    {
      id: 'large',
      title: `${(large.body.length / 1e6).toFixed(1)} MB JSON body → 1 transform → response`,
      unit: 'req/s',
      body: large.body,
      expected: { count: large.count, last: lastId },
    },
  ];
}

export const ASYNC_WORKLOAD: WorkloadInfo = {
  id: 'async',
  title: 'Stratoflow only: webhook → 1 transform, asynchronous (202, then completed runs/s)',
  unit: 'runs/s',
};
