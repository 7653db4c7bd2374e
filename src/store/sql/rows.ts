import { jsonText } from '../../domain/json-text.js';
import type { LogRecord, RunRecord, WorkflowHead, WorkflowRecord } from '../../domain/types.js';
import type { SqlValue } from './db.js';

/**
 * Row mappers: the one place that turns database rows into records. pg returns int8 as strings and
 * SQLite returns numbers; both store JSON as text and flags as 0/1.
 */
type Row = Record<string, unknown>;

export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

function str(value: unknown): string {
  return value as string;
}

function nullableStr(value: unknown): string | null {
  return value === null || value === undefined ? null : (value as string);
}

export function json(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

export function parseJson<T>(value: unknown): T {
  return JSON.parse(value as string) as T;
}

export function workflowFromRow(row: Row, definition: unknown): WorkflowRecord {
  return { ...workflowHeadFromRow(row), definition: parseJson<WorkflowRecord['definition']>(definition) };
}

export function workflowHeadFromRow(row: Row): WorkflowHead {
  return {
    id: str(row.id),
    orgId: str(row.org_id),
    name: str(row.name),
    description: nullableStr(row.description),
    isActive: toNumber(row.is_active) === 1,
    authorizationId: nullableStr(row.authorization_id),
    scheduleType: nullableStr(row.schedule_type) as WorkflowRecord['scheduleType'],
    scheduleValue: nullableStr(row.schedule_value),
    scheduleTimezone: nullableStr(row.schedule_timezone),
    nextRunAt: toNullableNumber(row.next_run_at),
    webhookTokenHash: nullableStr(row.webhook_token_hash),
    webhookTokenHint: nullableStr(row.webhook_token_hint),
    triggerComponent: str(row.trigger_component),
    versionId: str(row.version_id),
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
  };
}

/** Workflow columns in the order `workflowValues` lists them. */
export const WORKFLOW_COLUMNS = [
  'id',
  'org_id',
  'name',
  'description',
  'is_active',
  'authorization_id',
  'schedule_type',
  'schedule_value',
  'schedule_timezone',
  'next_run_at',
  'webhook_token_hash',
  'webhook_token_hint',
  'trigger_component',
  'version_id',
  'created_at',
  'updated_at',
] as const;

export function workflowValues(w: WorkflowRecord): SqlValue[] {
  return [
    w.id,
    w.orgId,
    w.name,
    w.description,
    w.isActive ? 1 : 0,
    w.authorizationId,
    w.scheduleType,
    w.scheduleValue,
    w.scheduleTimezone,
    w.nextRunAt,
    w.webhookTokenHash,
    w.webhookTokenHint,
    w.triggerComponent,
    w.versionId,
    w.createdAt,
    w.updatedAt,
  ];
}

export const RUN_COLUMNS = [
  'id',
  'org_id',
  'workflow_id',
  'version_id',
  'status',
  'origin',
  'trigger_payload',
  'error_message',
  'failed_node_id',
  'original_run_id',
  'resumed_from_node_id',
  'inherited',
  'state',
  'parent_run_id',
  'depth',
  'ready_at',
  'lease_owner',
  'lease_expires_at',
  'created_at',
  'started_at',
  'completed_at',
  'trace_id',
  'trace_parent_span_id',
  'trace_state',
] as const;

export function runValues(r: RunRecord): SqlValue[] {
  return [
    r.id,
    r.orgId,
    r.workflowId,
    r.versionId,
    r.status,
    r.origin,
    // A request body is written as the text it arrived in, not serialised again (domain/json-text.ts).
    jsonText(r.triggerPayload),
    r.errorMessage,
    r.failedNodeId,
    r.originalRunId,
    r.resumedFromNodeId,
    json(r.inherited),
    json(r.state),
    r.parentRunId,
    r.depth,
    r.readyAt,
    r.leaseOwner,
    r.leaseExpiresAt,
    r.createdAt,
    r.startedAt,
    r.completedAt,
    r.trace?.traceId ?? null,
    r.trace?.parentSpanId ?? null,
    r.trace?.traceState ?? null,
  ];
}

export function runFromRow(row: Row): RunRecord {
  return {
    id: str(row.id),
    orgId: str(row.org_id),
    workflowId: str(row.workflow_id),
    versionId: str(row.version_id),
    status: str(row.status) as RunRecord['status'],
    origin: str(row.origin) as RunRecord['origin'],
    triggerPayload: parseJson(row.trigger_payload),
    errorMessage: nullableStr(row.error_message),
    failedNodeId: nullableStr(row.failed_node_id),
    originalRunId: nullableStr(row.original_run_id),
    resumedFromNodeId: nullableStr(row.resumed_from_node_id),
    inherited: parseJson(row.inherited),
    state: parseJson(row.state),
    parentRunId: nullableStr(row.parent_run_id),
    depth: toNumber(row.depth),
    readyAt: toNumber(row.ready_at),
    leaseOwner: nullableStr(row.lease_owner),
    leaseExpiresAt: toNullableNumber(row.lease_expires_at),
    createdAt: toNumber(row.created_at),
    startedAt: toNullableNumber(row.started_at),
    completedAt: toNullableNumber(row.completed_at),
    // Bookkeeping columns: present on a record only once they carry something.
    ...(row.first_claimed_at != null ? { firstClaimedAt: toNumber(row.first_claimed_at) } : {}),
    ...(row.crash_count != null && toNumber(row.crash_count) > 0
      ? { crashCount: toNumber(row.crash_count) }
      : {}),
    ...(row.trace_id != null
      ? {
          trace: {
            traceId: str(row.trace_id),
            parentSpanId: nullableStr(row.trace_parent_span_id),
            traceState: nullableStr(row.trace_state),
          },
        }
      : {}),
    ...(row.lease_taken_from != null ? { leaseTakenFrom: str(row.lease_taken_from) } : {}),
  };
}

export const LOG_COLUMNS = [
  'id',
  'org_id',
  'run_id',
  'workflow_id',
  'seq',
  'node_id',
  'component_id',
  'status',
  'input',
  'output',
  'handle',
  'attempt',
  'duration_ms',
  'created_at',
  'warnings',
] as const;

export function logValues(l: LogRecord): SqlValue[] {
  return [
    l.id,
    l.orgId,
    l.runId,
    l.workflowId,
    l.seq,
    l.nodeId,
    l.componentId,
    l.status,
    json(l.input),
    json(l.output),
    l.handle,
    l.attempt,
    l.durationMs,
    l.createdAt,
    l.warnings && l.warnings.length > 0 ? json(l.warnings) : null,
  ];
}

export function logFromRow(row: Row): LogRecord {
  return {
    id: str(row.id),
    orgId: str(row.org_id),
    runId: str(row.run_id),
    workflowId: str(row.workflow_id),
    seq: toNumber(row.seq),
    nodeId: str(row.node_id),
    componentId: nullableStr(row.component_id),
    status: str(row.status) as LogRecord['status'],
    input: parseJson(row.input),
    output: parseJson(row.output),
    handle: nullableStr(row.handle),
    attempt: toNumber(row.attempt),
    durationMs: toNumber(row.duration_ms),
    createdAt: toNumber(row.created_at),
    ...(typeof row.warnings === 'string' ? { warnings: parseJson<string[]>(row.warnings) } : {}),
  };
}

/** `INSERT INTO table (a, b) VALUES (?, ?)` for a column list. */
export function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}
