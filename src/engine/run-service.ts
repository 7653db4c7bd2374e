import { notFound, StratoflowError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Clock } from '../domain/time.js';
import { newTraceId, parseTraceparent, type TraceContext } from '../domain/trace-context.js';
import {
  emptyRunState,
  type NodeResult,
  type RunOrigin,
  type RunRecord,
  type RunStatus,
  type WorkflowHead,
} from '../domain/types.js';
import { hashWebhookToken } from '../domain/webhook-token.js';
import type { TriggerInput } from '../nodes/contract.js';
import type { PageRequest, RunFilter, Store } from '../store/store.js';
import { redactCredentialHeaders } from './credential-headers.js';
import { ancestorsOf, buildGraph, type Graph } from './graph.js';
import { newLinkKey } from './interaction-links.js';
import { checkRunsInFlight, type OrgQuotas } from './quotas.js';
import { isFinalLog } from './run-progress.js';
import type { EngineTelemetry } from './telemetry.js';
import { assertTriggerInput } from './trigger-input.js';
import type { WebhookGuard } from './webhook-guard.js';

export interface RunServiceDeps {
  store: Store;
  clock: Clock;
  /** Called after a run is durably created (wakes the local worker). */
  onRunCreated(run: RunRecord): void;
  /** Told of every run this service created (metrics), whether or not it was dispatched. */
  telemetry?: Pick<EngineTelemetry, 'runCreated'>;
  /** A worker in this process that takes new runs directly, without a claim round trip. */
  dispatcher?: RunDispatcher;
  idempotencyWindowMs?: number;
  /** Webhook request headers stored as `[REDACTED]` besides the standard credential headers. */
  webhookRedactHeaders?: readonly string[];
  /** Checks a webhook delivery against its trigger's settings (signature, delivery id). */
  webhookGuard?: WebhookGuard;
  quotas?: OrgQuotas;
}

/**
 * Direct dispatch to a local worker: a run is created already leased to it (durably, in the same
 * transaction) and handed over at once. Without a free slot the run is created pending and claimed.
 */
export interface RunDispatcher {
  reserve(): { owner: string; until: number } | null;
  /** Hands the created run over, or cancels the reservation with `null`. */
  dispatch(run: RunRecord | null): void;
}

export interface StartRunOptions {
  /** The workflow whose current version the run pins. */
  workflow: Pick<WorkflowHead, 'id' | 'orgId' | 'versionId'>;
  origin: RunOrigin;
  trigger: TriggerInput;
  idempotencyKey?: string;
  originalRunId?: string | null;
  resumedFromNodeId?: string | null;
  inherited?: Record<string, NodeResult>;
  parentRunId?: string | null;
  depth?: number;
  /** Create the run already leased to `owner` (the synchronous API executes it inline). */
  lease?: { owner: string; until: number };
  /** The caller's W3C trace (`traceparent`); absent or null: the run starts a new trace. */
  trace?: TraceContext | null;
  /**
   * Build the run without storing it: the caller executes it inline at once, and its first commit
   * stores it (the synchronous API, with `lease`; see engine/run-commits.ts).
   */
  unsaved?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A new run record: pending (or leased to `lease.owner` for direct dispatch, still pending), or running
 * when the caller executes it inline (`options.lease`, the sync API).
 */
export function newRunRecord(
  options: StartRunOptions,
  now: number,
  lease?: StartRunOptions['lease'],
): RunRecord {
  return {
    id: newId('run'),
    orgId: options.workflow.orgId,
    workflowId: options.workflow.id,
    versionId: options.workflow.versionId,
    // A dispatched run stays `pending` until its first step commits; the sync API's starts running.
    status: options.lease ? 'running' : 'pending',
    origin: options.origin,
    triggerPayload: options.trigger as unknown as Record<string, unknown>,
    errorMessage: null,
    failedNodeId: null,
    originalRunId: options.originalRunId ?? null,
    resumedFromNodeId: options.resumedFromNodeId ?? null,
    inherited: options.inherited ?? {},
    // Every run gets the key its one-time links are derived from (see interaction-links.ts).
    state: { ...emptyRunState(), linkKey: newLinkKey() },
    parentRunId: options.parentRunId ?? null,
    depth: options.depth ?? 0,
    readyAt: now,
    leaseOwner: lease?.owner ?? null,
    leaseExpiresAt: lease?.until ?? null,
    createdAt: now,
    startedAt: options.lease ? now : null,
    completedAt: null,
    trace: options.trace ?? { traceId: newTraceId(), parentSpanId: null, traceState: null },
  };
}

/** Starting, re-running and resuming runs; reading them back. Knows nothing of HTTP. */
export function createRunService(deps: RunServiceDeps) {
  const { store, clock } = deps;
  const windowMs = deps.idempotencyWindowMs ?? DAY_MS;

  async function start(options: StartRunOptions): Promise<{ run: RunRecord; created: boolean }> {
    // Child runs are never refused: their parent is already in flight and waits for them.
    if (!options.parentRunId && deps.quotas)
      await checkRunsInFlight(store, deps.quotas, options.workflow.orgId);
    if (options.unsaved && options.lease) {
      const run = newRunRecord(options, clock.now(), options.lease);
      deps.telemetry?.runCreated(run);
      return { run, created: true };
    }
    if (options.lease || !deps.dispatcher) return insert(options, options.lease);
    const reserved = deps.dispatcher.reserve();
    if (!reserved) return insert(options, undefined);
    let result: { run: RunRecord; created: boolean } | undefined;
    try {
      result = await insert(options, reserved);
      return result;
    } finally {
      deps.dispatcher.dispatch(result?.created ? result.run : null);
    }
  }

  async function insert(
    options: StartRunOptions,
    lease: StartRunOptions['lease'],
  ): Promise<{ run: RunRecord; created: boolean }> {
    const now = clock.now();
    const run = newRunRecord(options, now, lease);
    const claim = options.idempotencyKey
      ? { key: options.idempotencyKey, notBefore: now - windowMs }
      : undefined;
    const result = await store.createRun(run, claim);
    if (result.created) deps.telemetry?.runCreated(result.run);
    if (result.created && !lease) deps.onRunCreated(result.run);
    else if (result.run.workflowId !== run.workflowId) throw new StratoflowError('idempotency_key_reused');
    return result;
  }

  async function getWorkflow(orgId: string, workflowId: string) {
    const workflow = await store.getWorkflow(orgId, workflowId);
    if (!workflow) throw notFound('Workflow');
    return workflow;
  }

  async function getRun(orgId: string, runId: string) {
    const run = await store.getRun(orgId, runId);
    if (!run) throw notFound('Run');
    return run;
  }

  return {
    start,
    getRun,

    async getRunWithLogs(orgId: string, runId: string) {
      const run = await getRun(orgId, runId);
      return { run, logs: await store.listRunLogs(run.id) };
    },

    async listRuns(orgId: string, workflowId: string, page: PageRequest, status?: RunStatus) {
      await getWorkflow(orgId, workflowId);
      return store.findRuns(orgId, { workflowId, ...(status ? { status } : {}) }, page);
    },

    /** The org's runs across workflows, newest first. */
    findRuns(orgId: string, filter: RunFilter, page: PageRequest) {
      return store.findRuns(orgId, filter, page);
    },

    /** The run with the definition it pinned and its logs: what the run inspector draws. */
    async getRunGraph(orgId: string, runId: string) {
      const run = await getRun(orgId, runId);
      const [definition, logs] = await Promise.all([
        store.getVersion(run.versionId),
        store.listRunLogs(run.id),
      ]);
      if (!definition) throw notFound('Workflow version');
      return { run, definition, logs };
    },

    /** The run's logs committed after `afterSeq` (the live view's next batch). */
    logsAfter(run: RunRecord, afterSeq: number) {
      return store.listRunLogs(run.id, afterSeq);
    },

    async execute(
      orgId: string,
      workflowId: string,
      context: Record<string, unknown>,
      idempotencyKey?: string,
      trace?: TraceContext | null,
    ) {
      const workflow = await getWorkflow(orgId, workflowId);
      assertTriggerInput(workflow.definition.nodes, context, 'context');
      const trigger: TriggerInput = { origin: 'manual', payload: context };
      return start({
        workflow,
        origin: 'manual',
        trigger,
        trace: trace ?? null,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      });
    },

    /** A new run of the workflow's current definition with the original trigger payload. */
    async rerun(orgId: string, runId: string, version: 'current' | 'original' = 'current') {
      const original = await getRun(orgId, runId);
      if (original.status !== 'completed' && original.status !== 'failed')
        throw new StratoflowError('run_not_finished');
      const current = await getWorkflow(orgId, original.workflowId);
      // `original` pins the version the first run executed instead of the workflow's current one.
      const workflow = version === 'original' ? { ...current, versionId: original.versionId } : current;
      const trigger = original.triggerPayload as unknown as TriggerInput;
      const { run } = await start({ workflow, origin: 'rerun', trigger, originalRunId: original.id });
      return run;
    },

    /**
     * A new run that inherits the results of `nodeId` and its ancestors from a failed run (they are
     * never executed again) and continues after `nodeId` on the workflow's current definition.
     */
    async resume(orgId: string, runId: string, nodeId: string) {
      const original = await getRun(orgId, runId);
      const workflow = await getWorkflow(orgId, original.workflowId);
      const graph = buildGraph(workflow.definition);
      if (!graph.nodes.has(nodeId)) throw notFound(`Node '${nodeId}'`);
      if (original.status !== 'failed') {
        throw new StratoflowError(
          'run_not_resumable',
          `Run ${original.id} is ${original.status}; only a failed run can be resumed.`,
        );
      }
      const recorded = new Map<string, NodeResult>(Object.entries(original.inherited));
      const succeeded = new Set(recorded.keys());
      for (const log of await store.listRunLogs(original.id)) {
        if (isFinalLog(log)) recorded.set(log.nodeId, { output: log.output, handle: log.handle });
        if (log.status === 'success') succeeded.add(log.nodeId);
      }
      const resumedNode = recorded.get(nodeId);
      if (!resumedNode || !succeeded.has(nodeId)) {
        throw new StratoflowError(
          'node_not_resumable',
          notResumableMessage(graph, original, nodeId, succeeded),
          'nodeId',
        );
      }
      const inherited: Record<string, NodeResult> = { [nodeId]: resumedNode };
      for (const id of ancestorsOf(graph, nodeId)) {
        const result = recorded.get(id);
        if (result) inherited[id] = result;
      }
      const trigger = original.triggerPayload as unknown as TriggerInput;
      const { run } = await start({
        workflow,
        origin: 'resume',
        trigger,
        originalRunId: original.id,
        resumedFromNodeId: nodeId,
        inherited,
      });
      return run;
    },

    /** POST /workflows/webhooks/{token}: 404 unless an active webhook workflow owns the token. */
    async triggerWebhook(token: string, body: unknown, headers: Record<string, string>, rawBody = '') {
      const workflow = await store.findWorkflowByWebhookHash(hashWebhookToken(token));
      if (workflow?.triggerComponent !== 'webhook_trigger') throw notFound('Webhook');
      if (!workflow.isActive) throw new StratoflowError('workflow_inactive');
      // Verified before anything is stored: a bad signature starts no run.
      const admission = deps.webhookGuard
        ? await deps.webhookGuard(workflow, rawBody, headers)
        : { rejectRepeat: false };
      const trigger: TriggerInput = {
        origin: 'webhook',
        payload: { webhook_payload: body ?? null },
        headers: redactCredentialHeaders(headers, deps.webhookRedactHeaders),
      };
      const key = admission.idempotencyKey;
      const { run, created } = await start({
        workflow,
        origin: 'webhook',
        trigger,
        trace: parseTraceparent(headers.traceparent, headers.tracestate),
        ...(key ? { idempotencyKey: key } : {}),
      });
      if (!created && admission.rejectRepeat) throw new StratoflowError('webhook_replayed');
      return run;
    },
  };
}

export type RunService = ReturnType<typeof createRunService>;

/**
 * Why a run cannot resume from `nodeId`, pointing at the node(s) to resume from instead: the run's failed
 * node is resumed "from" the upstream nodes that succeeded, so that it runs again.
 */
function notResumableMessage(
  graph: Graph,
  run: RunRecord,
  nodeId: string,
  succeeded: ReadonlySet<string>,
): string {
  const sources = (graph.incoming.get(nodeId) ?? []).map((edge) => edge.source);
  const upstream = [...new Set(sources)].filter((id) => succeeded.has(id));
  const failed = run.failedNodeId === nodeId ? 'failed' : 'did not succeed';
  if (upstream.length === 0) {
    return `Node '${nodeId}' ${failed} in run ${run.id}; a run resumes from a node that succeeded in it.`;
  }
  const names = upstream.map((id) => `'${id}'`).join(' or ');
  return `Node '${nodeId}' ${failed} in run ${run.id}; to run it again, resume from ${names} (POST /workflows/runs/${run.id}/resume-from/${upstream[0]}).`;
}
