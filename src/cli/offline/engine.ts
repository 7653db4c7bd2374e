import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { loadConfig } from '../../config.js';
import { StratoflowError } from '../../domain/errors.js';
import { systemClock } from '../../domain/time.js';
import type { LogRecord, RunRecord } from '../../domain/types.js';
import { createWorkflowService } from '../../engine/workflow-service.js';
import type { HttpClient } from '../../nodes/actions/http/index.js';
import type { TriggerInput } from '../../nodes/contract.js';
import { withMockedNodes } from '../../nodes/mocked-registry.js';
import { builtinNodes, createNodeRegistry } from '../../nodes/registry.js';
import { createRuntime } from '../../runtime.js';
import { openStore } from '../../store/open-store.js';
import { createWorker } from '../../worker/worker.js';

const ORG = 'org_offline';

/** A workflow file's body as `POST /workflows` takes it. */
export type FlowFile = Record<string, unknown> & { nodes: { id: string; data: { componentId: string } }[] };

export interface OfflineResult {
  run: RunRecord;
  logs: LogRecord[];
}

/** No outbound HTTP at all offline without --allow-network (a second guard behind the node check). */
const noNetwork: HttpClient = {
  request: () => {
    throw new StratoflowError('node_failed', 'Outbound HTTP is off in offline runs: pass --allow-network.');
  },
  close: async () => undefined,
};

/** What a trigger turns a case's `trigger` payload into, by trigger component (as the server would). */
function triggerInput(component: string, payload: Record<string, unknown>): TriggerInput {
  if (component === 'webhook_trigger')
    return { origin: 'webhook', payload: { webhook_payload: payload }, headers: {} };
  if (component === 'sync_request_trigger') return { origin: 'sync', payload: { payload } };
  if (component === 'workflow_trigger' || component === 'subflow_trigger')
    return { origin: 'workflow', payload };
  return { origin: 'manual', payload };
}

/**
 * An engine in this process on a temporary SQLite store, with no server: each `run` saves the flow
 * as a new workflow (validated like the API does), executes it with the given node mocks, and returns
 * the run and its logs. An unmocked outbound node fails when reached, unless `allowNetwork`.
 */
export async function openOfflineEngine(options: { allowNetwork: boolean }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'stratoflow-offline-'));
  // The environment's limits and STRATOFLOW_HTTP_ALLOWED_CIDRS apply; the store is always this temporary one.
  const config = loadConfig(process.env, { dataDir, databaseUrl: null, logLevel: 'silent' });
  const logger = pino({ level: 'silent' });
  const store = await openStore({ databaseUrl: null, dataDir });
  const builtin = createNodeRegistry(builtinNodes());
  const mocks = new Map<string, Map<string, unknown>>();
  const registry = withMockedNodes(
    builtin,
    {
      find: (workflowId, nodeId) => {
        const forFlow = mocks.get(workflowId);
        return forFlow?.has(nodeId) ? { output: forFlow.get(nodeId) } : undefined;
      },
    },
    options,
  );
  const runtime = createRuntime(
    store,
    config,
    systemClock,
    logger,
    {},
    {
      registry,
      ...(options.allowNetwork ? {} : { http: noNetwork }),
    },
  );
  const worker = createWorker({
    deps: runtime.executor,
    logger,
    concurrency: 8,
    leaseMs: config.limits.leaseMs,
    pollIntervalMs: 200,
  });
  runtime.setWake(() => worker.wake());
  runtime.setDispatcher(worker);
  worker.start();
  const workflows = createWorkflowService({
    store,
    registry,
    clock: systemClock,
    limits: runtime.executor.limits,
    authorizationExists: async () => true,
    templates: runtime.executor.templates,
  });

  return {
    async run(
      flow: FlowFile,
      trigger: Record<string, unknown>,
      mocked: Record<string, unknown> = {},
    ): Promise<OfflineResult> {
      const workflow = await workflows.create(ORG, { ...flow, is_active: true } as never);
      mocks.set(workflow.id, new Map(Object.entries(mocked)));
      const trigger_ = triggerInput(workflow.triggerComponent, trigger);
      const { run } = await runtime.runs.start({ workflow, origin: 'manual', trigger: trigger_ });
      let current = run;
      for (
        let wait = 2;
        current.status !== 'completed' && current.status !== 'failed';
        wait = Math.min(50, wait * 2)
      ) {
        await sleep(wait);
        current = (await store.getRun(ORG, run.id)) as RunRecord;
      }
      return { run: current, logs: await store.listRunLogs(run.id) };
    },

    async close() {
      await worker.stop();
      await runtime.http.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type OfflineEngine = Awaited<ReturnType<typeof openOfflineEngine>>;
