/**
 * Stratoflow as a user runs it: `node dist/cli/main.js serve` in a temporary data folder, a bearer token
 * from `stratoflow token`, a workflow API key (`wfk_`) for the synchronous calls, and one workflow per
 * workload.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, waitForHealthy } from '../../test/helpers/child-server.js';
import { type BenchApi, benchApi, createWebhookWorkflow, node, removeTempDir, tempDir } from '../lib.js';
import type { Target } from './load.js';
import { CHAIN_LENGTH } from './workloads.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface StratoflowServer {
  pid: number;
  api: BenchApi;
  /** Synchronous endpoint of each workload id. */
  targets: Record<string, Target>;
  asyncWorkflow: { id: string; hookUrl: string };
  settings: string[];
  stop(): Promise<void>;
}

/**
 * Settings the benchmark needs beyond the defaults: a 5 MB body, no per-minute caps on its one caller,
 * and a per-organization cap on synchronous calls (default 8) no lower than the connections, so the
 * tenant-fairness 429 never turns away the benchmark's own connections (n8n has no such cap).
 */
function serverEnv(sqliteSynchronous: string, connections: number): Record<string, string> {
  return {
    STRATOFLOW_SQLITE_SYNCHRONOUS: sqliteSynchronous,
    STRATOFLOW_ORG_CONCURRENCY: String(Math.max(8, connections)),
    STRATOFLOW_BODY_LIMIT: '16mb',
    STRATOFLOW_RATE_LIMIT: '0',
    STRATOFLOW_WEBHOOK_RATE_LIMIT: '0',
    STRATOFLOW_WEBHOOK_IP_RATE_LIMIT: '0',
    STRATOFLOW_LOG_LEVEL: 'error',
  };
}

/** The Stratoflow workflow (nodes and edges) for a synchronous workload id. */
export function syncDefinition(workloadId: string) {
  const trigger = node('n1', 'sync_request_trigger');
  const transform = (id: string, template: string) => node(id, 'text_transform', { template });
  const edge = (from: string, to: string) => ({ id: `${from}-${to}`, source: from, target: to });
  if (workloadId === 'transform') {
    return {
      nodes: [trigger, transform('n2', '{"ok": true, "id": {{ payload.resource_id | json }}}')],
      edges: [edge('n1', 'n2')],
    };
  }
  if (workloadId === 'large') {
    const template = '{"count": {{ payload.items | size }}, "last": {{ payload.items.last.id | json }}}';
    return { nodes: [trigger, transform('n2', template)], edges: [edge('n1', 'n2')] };
  }
  // chain: n2 adds 1 to payload.n, each next node adds 1 to the previous one's text; the last answers JSON.
  const nodes = [trigger, transform('n2', '{{ payload.n | plus: 1 }}')];
  const edges = [edge('n1', 'n2')];
  const last = CHAIN_LENGTH + 1;
  for (let i = 3; i <= last; i++) {
    const previous = `{{ n${i - 1}.text | plus: 1 }}`;
    nodes.push(transform(`n${i}`, i === last ? `{"n": ${previous}}` : previous));
    edges.push(edge(`n${i - 1}`, `n${i}`));
  }
  return { nodes, edges };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export async function startStratoflow(
  workloadIds: readonly string[],
  sqliteSynchronous: string,
  connections: number,
): Promise<StratoflowServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first.`);
  const dataDir = tempDir('stratoflow-bench-peers-');
  const port = await freePort();
  const settings = serverEnv(sqliteSynchronous, connections);
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    STRATOFLOW_DATA_DIR: dataDir,
    ...settings,
  };
  const child = spawn(process.execPath, [MAIN, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealthy(url, 60_000, child);
  const token = execFileSync(
    process.execPath,
    [MAIN, 'token', '--org', 'org_bench', '--user', 'usr_bench', '--expires-in', '12h'],
    { env, encoding: 'utf8' },
  ).trim();
  const api = await benchApi(url, token);
  const key = (await api.post<{ secret: string }>('/workflows/vault', { name: 'api-key:bench-peers' }))
    .secret;
  const targets: Record<string, Target> = {};
  for (const id of workloadIds) {
    const workflow = await api.post<{ id?: string }>('/workflows', {
      name: `peers ${id}`,
      ...syncDefinition(id),
    });
    if (!workflow.id) throw new Error(`creating the ${id} workflow failed: ${JSON.stringify(workflow)}`);
    targets[id] = {
      url: `${url}/workflows/sync/${workflow.id}`,
      headers: { authorization: `Bearer ${key}` },
    };
  }
  const asyncWorkflow = await createWebhookWorkflow(
    api,
    'peers async',
    'event {{ n1.event_type }} for {{ n1.data.id }}',
  );
  return {
    pid: child.pid!,
    api,
    targets,
    asyncWorkflow,
    settings: Object.entries(settings).map(([k, v]) => `${k}=${v}`),
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      removeTempDir(dataDir);
    },
  };
}
