/**
 * n8n workflows equivalent to Stratoflow's (bench/peers/stratoflow.ts), in n8n's import format: a
 * production Webhook (POST, answers with the last node's first item) followed by Set nodes. The Set nodes
 * keep only the fields they assign, so the answer is exactly the expected JSON.
 */
import { randomUUID } from 'node:crypto';
import { CHAIN_LENGTH } from './workloads.js';

interface Assignment {
  name: string;
  value: string | number | boolean;
  type: 'string' | 'number' | 'boolean';
}

function webhook(path: string) {
  return {
    id: randomUUID(),
    name: 'Webhook',
    type: 'n8n-nodes-base.webhook',
    typeVersion: 2,
    position: [0, 0],
    webhookId: randomUUID(),
    parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
  };
}

function set(name: string, index: number, assignments: Assignment[]) {
  return {
    id: randomUUID(),
    name,
    type: 'n8n-nodes-base.set',
    typeVersion: 3.4,
    position: [200 * index, 0],
    parameters: {
      mode: 'manual',
      assignments: { assignments: assignments.map((a) => ({ id: randomUUID(), ...a })) },
      options: {},
    },
  };
}

function linear(name: string, path: string, steps: ReturnType<typeof set>[]) {
  const nodes = [webhook(path), ...steps];
  const connections: Record<string, unknown> = {};
  for (let i = 0; i < nodes.length - 1; i++) {
    connections[nodes[i]!.name] = { main: [[{ node: nodes[i + 1]!.name, type: 'main', index: 0 }]] };
  }
  return { name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** The webhook path of a workload; the URL is `<n8n>/webhook/<path>`. */
export const n8nWebhookPath = (workloadId: string) => `bench-peers-${workloadId}`;

export function n8nWorkflow(workloadId: string) {
  const path = n8nWebhookPath(workloadId);
  if (workloadId === 'transform') {
    return linear(`peers ${workloadId}`, path, [
      set('Transform', 1, [
        { name: 'ok', value: true, type: 'boolean' },
        { name: 'id', value: '={{ $json.body.resource_id }}', type: 'string' },
      ]),
    ]);
  }
  if (workloadId === 'large') {
    return linear(`peers ${workloadId}`, path, [
      set('Transform', 1, [
        { name: 'count', value: '={{ $json.body.items.length }}', type: 'number' },
        { name: 'last', value: '={{ $json.body.items[$json.body.items.length - 1].id }}', type: 'string' },
      ]),
    ]);
  }
  const steps = Array.from({ length: CHAIN_LENGTH }, (_, i) =>
    set(`Step ${i + 1}`, i + 1, [
      { name: 'n', value: i === 0 ? '={{ $json.body.n + 1 }}' : '={{ $json.n + 1 }}', type: 'number' },
    ]),
  );
  return linear(`peers ${workloadId}`, path, steps);
}
