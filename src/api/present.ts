import { formatNullableTimestamp, formatTimestamp } from '../domain/time.js';
import type { LogRecord, RunRecord, WorkflowRecord } from '../domain/types.js';
import { maskedWebhookToken } from '../domain/webhook-token.js';
import type { InteractionView } from '../engine/interaction-service.js';
import type { NodeRunState } from '../engine/run-graph.js';

/**
 * The full webhook URL right after the token was created or rotated; afterwards a masked URL that names
 * the token's last characters (tokens are stored hashed). Null for workflows without a webhook trigger.
 */
function webhookUrl(w: WorkflowRecord, publicUrl: string): string | null {
  if (w.revealedWebhookToken) return `${publicUrl}/workflows/webhooks/${w.revealedWebhookToken}`;
  if (w.webhookTokenHash === null) return null;
  return `${publicUrl}/workflows/webhooks/${maskedWebhookToken(w.webhookTokenHint)}`;
}

/** API shape of a workflow (spec §2.3). Lists omit `nodes` and `edges`. */
export function presentWorkflow(w: WorkflowRecord, publicUrl: string, withDefinition: boolean) {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    ...(withDefinition ? { nodes: w.definition.nodes, edges: w.definition.edges } : {}),
    schedule_type: w.scheduleType,
    schedule_value: w.scheduleValue,
    schedule_timezone: w.scheduleTimezone,
    next_run_at: formatNullableTimestamp(w.nextRunAt),
    is_active: w.isActive,
    webhook_url: webhookUrl(w, publicUrl),
    authorization_id: w.authorizationId,
    version_id: w.versionId,
    strict_variables: w.definition.settings?.strict_variables === true,
    created_at: formatTimestamp(w.createdAt),
    updated_at: formatTimestamp(w.updatedAt),
  };
}

/** API shape of a run (spec §2.3 plus documented extras). */
export function presentRun(r: RunRecord, logs?: readonly LogRecord[]) {
  const started = r.startedAt ?? r.createdAt;
  const duration = r.completedAt !== null ? Math.max(0, r.completedAt - started) / 1000 : null;
  const trigger = r.triggerPayload as { payload?: unknown; headers?: unknown };
  return {
    id: r.id,
    workflow_id: r.workflowId,
    version_id: r.versionId,
    status: r.status,
    origin: r.origin,
    error_message: r.errorMessage,
    failed_node_id: r.failedNodeId,
    started_at: formatTimestamp(started),
    completed_at: formatNullableTimestamp(r.completedAt),
    duration_in_seconds: duration,
    trigger_payload: (trigger.payload ?? {}) as Record<string, unknown>,
    original_run_id: r.originalRunId,
    resumed_from_node_id: r.resumedFromNodeId,
    parent_run_id: r.parentRunId,
    created_at: formatTimestamp(r.createdAt),
    trace_id: r.trace?.traceId ?? null,
    ...(logs ? progressOf(r) : {}),
    ...(logs ? { logs: logs.map(presentLog) } : {}),
  };
}

/** A run in a list: without its trigger payload. */
export function presentRunSummary(r: RunRecord) {
  const { trigger_payload: _payload, ...summary } = presentRun(r);
  return summary;
}

/** Each node's state in a run (the run inspector's colours). */
export function presentNodeStates(states: Record<string, NodeRunState>) {
  return Object.fromEntries(
    Object.entries(states).map(([id, s]) => [
      id,
      {
        status: s.status,
        duration_ms: s.durationMs === null ? null : Math.round(s.durationMs * 1000) / 1000,
        attempts: s.attempts,
        inherited: s.inherited,
        waiting_until: formatNullableTimestamp(s.waitingUntil),
      },
    ]),
  );
}

/** Nodes waiting with a memo of `{index, total}` (the iterator) report how far they are. */
function progressOf(r: RunRecord) {
  const progress = Object.entries(r.state.memos).flatMap(([nodeId, memo]) => {
    const { index, total } = (memo ?? {}) as { index?: unknown; total?: unknown };
    return typeof index === 'number' && typeof total === 'number'
      ? [{ node_id: nodeId, done: index, total }]
      : [];
  });
  return progress.length > 0 && r.status !== 'completed' && r.status !== 'failed' ? { progress } : {};
}

/** API shape of a log entry (spec §2.3 plus `run_id`, `input`, `attempt`, `duration_ms`). */
export function presentLog(l: LogRecord) {
  return {
    id: l.id,
    run_id: l.runId,
    workflow_id: l.workflowId,
    node_id: l.nodeId,
    component_id: l.componentId,
    status: l.status,
    input: l.input,
    output: l.output,
    attempt: l.attempt,
    duration_ms: Math.round(l.durationMs * 1000) / 1000,
    warnings: l.warnings ?? [],
    created_at: formatTimestamp(l.createdAt),
  };
}

/** Laravel's length-aware paginator. */
export function presentPage<T, R>(
  rows: readonly T[],
  total: number,
  page: { page: number; perPage: number },
  path: string,
  present: (row: T) => R,
  /** Other query parameters the page links keep (filters). */
  keep?: URLSearchParams,
) {
  const lastPage = Math.max(1, Math.ceil(total / page.perPage));
  const extra = keep && keep.size > 0 ? `&${keep.toString()}` : '';
  const link = (n: number) => `${path}?page=${n}${extra}`;
  const from = rows.length > 0 ? (page.page - 1) * page.perPage + 1 : null;
  return {
    data: rows.map(present),
    links: {
      first: link(1),
      last: link(lastPage),
      prev: page.page > 1 ? link(page.page - 1) : null,
      next: page.page < lastPage ? link(page.page + 1) : null,
    },
    meta: {
      current_page: page.page,
      from,
      last_page: lastPage,
      path,
      per_page: page.perPage,
      to: from === null ? null : from + rows.length - 1,
      total,
    },
  };
}

/** API shape of an interaction (what a waiting run asks a person). */
export function presentInteraction(i: InteractionView) {
  const { title, description, fields, buttons } = i.formConfig;
  return {
    id: i.id,
    run_id: i.runId,
    workflow_id: i.workflowId,
    node_id: i.nodeId,
    status: i.status,
    form: {
      title,
      description,
      fields: fields.map((f) => ({ ...f, label: f.label ?? f.name })),
      buttons: buttons.map(({ id, label }) => ({ id, label })),
    },
    assignee: i.assignee,
    url: i.url,
    created_at: formatTimestamp(i.createdAt),
    expires_at: formatNullableTimestamp(i.expiresAt),
    answer: i.answer,
    answered_by: i.answeredBy,
    answered_at: formatNullableTimestamp(i.answeredAt),
  };
}
