import type { TraceContext } from './trace-context.js';
/**
 * Glossary
 * - workflow:  a named graph of nodes joined by edges, owned by one organization (`org_id`).
 * - version:   an immutable snapshot of a workflow's nodes and edges; every save makes one, runs pin one.
 * - node:      one step of a workflow (`id` chosen by the client, `data.componentId` says what it does).
 * - component: the kind of a node (`manual_trigger`, `webhook`, `string_condition`...), defined in nodes/.
 * - handle:    a named output of a node (`true`/`false`, a switch case id, `error`); edges leave handles.
 * - edge:      a connection from a source node's handle to a target node.
 * - run:       one execution of a workflow version; a log of node results.
 * - log:       one node's recorded result within a run (one row per attempt).
 * - attempt:   one try of a node; retries add attempts.
 * - lease:     a worker's time-limited claim on a run; heartbeated while it works, taken over when it lapses.
 * - frontier:  the nodes of a run that are ready to execute: every incoming edge resolved, at least one live.
 * - interaction: a question a node of a run puts to a person (a form); the run waits until it is answered.
 */

export type ScheduleType = 'manual' | 'interval' | 'cron' | 'daily' | 'weekly' | 'monthly';
export type RunStatus = 'pending' | 'running' | 'completed' | 'failed' | 'awaiting_ui_interaction';
export type LogStatus = 'success' | 'error' | 'warning';
export type NodeKind = 'trigger' | 'action' | 'condition';

export interface WorkflowNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  data: { componentId: string; [field: string]: unknown };
}

export interface WorkflowEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export interface WorkflowDefinition {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  /** Per-workflow run settings, versioned with the graph; absent when all are at their defaults. */
  settings?: WorkflowSettings;
}

export interface WorkflowSettings {
  /** A template reading an undefined variable fails the node (default: a warning in its log). */
  strict_variables?: boolean;
}

export interface WorkflowRecord {
  id: string;
  orgId: string;
  name: string;
  description: string | null;
  isActive: boolean;
  authorizationId: string | null;
  scheduleType: ScheduleType | null;
  scheduleValue: string | null;
  scheduleTimezone: string | null;
  nextRunAt: number | null;
  /** SHA-256 of the webhook token (the token itself is never stored). */
  webhookTokenHash: string | null;
  /** The token's last four characters, shown in the masked `webhook_url`. */
  webhookTokenHint: string | null;
  /** The full token, only on the record returned when it was just created or rotated (never stored). */
  revealedWebhookToken?: string;
  /** The trigger node's component id, kept for lookups (webhooks, events, triggerable lists). */
  triggerComponent: string;
  versionId: string;
  definition: WorkflowDefinition;
  createdAt: number;
  updatedAt: number;
}

/** A workflow without its definition: what routing a trigger to a run needs. */
export type WorkflowHead = Omit<WorkflowRecord, 'definition'>;

/** How a run came to be. */
export type RunOrigin =
  | 'manual'
  | 'webhook'
  | 'schedule'
  | 'rerun'
  | 'resume'
  | 'workflow'
  | 'sync'
  | 'event';

export interface RunRecord {
  id: string;
  orgId: string;
  workflowId: string;
  versionId: string;
  status: RunStatus;
  origin: RunOrigin;
  triggerPayload: Record<string, unknown>;
  errorMessage: string | null;
  /** The node whose failure failed the run. */
  failedNodeId: string | null;
  originalRunId: string | null;
  resumedFromNodeId: string | null;
  /** Results copied from an earlier run (resume), keyed by node id; never re-executed. */
  inherited: Record<string, NodeResult>;
  /** Timers and retry attempts of the executor. */
  state: RunState;
  parentRunId: string | null;
  depth: number;
  readyAt: number;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  /** When a worker first claimed the run (the run timeout counts from here even before a commit). */
  firstClaimedAt?: number | null;
  /** How many times executing the run threw unexpectedly (bounded; see worker.ts). */
  crashCount?: number;
  /** The W3C trace the run belongs to (absent on runs created before tracing). */
  trace?: TraceContext;
  /** Set by a claim that took the run over from this owner's expired lease (absent: the run was free). */
  leaseTakenFrom?: string;
}

/** What a node produced: its output and the handle it fired (`null` = the plain "next" edges). */
export interface NodeResult {
  output: unknown;
  handle: string | null;
}

export interface LogRecord {
  id: string;
  orgId: string;
  runId: string;
  workflowId: string;
  seq: number;
  nodeId: string;
  componentId: string | null;
  status: LogStatus;
  input: unknown;
  output: unknown;
  /** The handle the node fired (null = plain next edges). Not part of the API shape. */
  handle: string | null;
  attempt: number;
  durationMs: number;
  createdAt: number;
  /** What the node's templates read that does not exist (`n1.body is undefined`); absent when nothing. */
  warnings?: string[];
}

/** Durable executor bookkeeping that is not a node result: timers and retry attempts. */
export interface RunState {
  /** Node id → epoch ms until which the node asked to wait (Delay). */
  waits: Record<string, number>;
  /** Node id → epoch ms of the node's next retry (back-off after a failed attempt). */
  retries: Record<string, number>;
  /** Node id → attempts already made. */
  attempts: Record<string, number>;
  /** Node id → what the node stored with its last wait. */
  memos: Record<string, unknown>;
  /**
   * Key the one-time links of the run's interactions are derived from (random, per run, never shown):
   * a link is known from the run's start, so a node before the form can already send it.
   */
  linkKey?: string;
  /** When the run last parked waiting for a person (`awaiting_ui_interaction`); absent otherwise. */
  awaitingSince?: number;
  /** Time spent waiting for people so far; it does not count towards the run's time limit. */
  awaitedMs?: number;
}

export function emptyRunState(): RunState {
  return { waits: {}, retries: {}, attempts: {}, memos: {} };
}
