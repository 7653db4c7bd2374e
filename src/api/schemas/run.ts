import { z } from 'zod';
import { idPattern } from '../../domain/ids.js';
import { timestamp, withoutNul } from './common.js';
import { edgeSchema, nodeSchema } from './workflow.js';

export const RUN_STATUSES = ['pending', 'running', 'completed', 'failed', 'awaiting_ui_interaction'] as const;
export const LOG_STATUSES = ['success', 'error', 'warning'] as const;

export const logSchema = z
  .object({
    id: z.string(),
    run_id: z.string(),
    workflow_id: z.string(),
    node_id: z.string(),
    component_id: z.string().nullable(),
    status: z.enum(LOG_STATUSES),
    input: z.unknown(),
    output: z.unknown(),
    attempt: z.number(),
    duration_ms: z.number(),
    warnings: z
      .array(z.string())
      .describe("Variables the node's templates read that do not exist (`n1.body is undefined`)."),
    created_at: timestamp,
  })
  .meta({ id: 'Log' });

export const RUN_ORIGINS = [
  'manual',
  'webhook',
  'schedule',
  'rerun',
  'resume',
  'workflow',
  'sync',
  'event',
] as const;

export const runSchema = z
  .object({
    id: z.string(),
    workflow_id: z.string(),
    version_id: z
      .string()
      .describe('The workflow version this run executed (see GET /workflows/runs/{runId}/graph)'),
    status: z.enum(RUN_STATUSES),
    origin: z
      .enum(RUN_ORIGINS)
      .describe('What started the run: its trigger, a re-run, a resume, a parent run…'),
    error_message: z.string().nullable(),
    failed_node_id: z.string().nullable(),
    started_at: timestamp,
    completed_at: timestamp.nullable(),
    duration_in_seconds: z.number().nullable(),
    trigger_payload: z.record(z.string(), z.unknown()),
    original_run_id: z.string().nullable(),
    resumed_from_node_id: z.string().nullable(),
    parent_run_id: z
      .string()
      .nullable()
      .describe('The run whose trigger_workflow or iterator node started this one'),
    created_at: timestamp,
    trace_id: z
      .string()
      .nullable()
      .describe(
        'The W3C trace id of the run: from the traceparent header it was started with, else a new one (null on runs older than tracing)',
      ),
    /** Iterators still working through their items (single-run reads only, while running). */
    progress: z.array(z.object({ node_id: z.string(), done: z.number(), total: z.number() })).optional(),
    logs: z.array(logSchema).optional(),
  })
  .meta({ id: 'Run' });

/** A run in a list: no trigger payload (it can be large) unless asked for, no logs. */
export const runSummarySchema = runSchema
  .omit({ logs: true })
  .extend({
    trigger_payload: runSchema.shape.trigger_payload
      .optional()
      .describe('Only with `include=trigger_payload`; GET /workflows/runs/{runId} always has it'),
  })
  .meta({ id: 'RunSummary' });

export const runListQuery = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  include: z
    .enum(['trigger_payload'])
    .optional()
    .describe('`trigger_payload` adds each run’s trigger payload (left out by default: it can be large)'),
  workflow_id: z.string().regex(idPattern('workflow')).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(15),
});

export const executionsQuery = runListQuery.omit({ workflow_id: true });

export const NODE_RUN_STATUSES = [
  'success',
  'error',
  'skipped',
  'not_reached',
  'running',
  'waiting',
] as const;

export const nodeRunStateSchema = z.object({
  status: z.enum(NODE_RUN_STATUSES),
  duration_ms: z
    .number()
    .nullable()
    .describe("The node's last attempt; null when it did not run in this run"),
  attempts: z.number().describe('Attempts logged in this run'),
  inherited: z.boolean().describe('Copied from the original run by a resume, not executed again'),
  waiting_until: timestamp.nullable().describe('When a waiting node (Delay, retry back-off) wakes'),
});

export const runGraphSchema = z.object({
  run_id: z.string(),
  version_id: z.string(),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
  node_states: z.record(z.string(), nodeRunStateSchema),
});

export const runActionResponse = z.object({
  message: z.string(),
  new_run: runSchema,
  original_run_id: z.string().optional(),
});

export const rerunQuery = z.object({ version: z.enum(['current', 'original']).default('current') });

export const runIdParams = z.object({ runId: z.string().regex(idPattern('run')) });
export const resumeParams = runIdParams.extend({ nodeId: withoutNul(z.string().min(1).max(100)) });

/** Other top-level fields are refused: run input is easily sent bare instead of under `context`. */
function unknownExecuteField(issue: { code?: string; keys?: string[] }) {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const keys = (issue.keys ?? []).map((k) => `'${k}'`).join(', ');
  return `Unknown top-level field ${keys}: run input goes under \`context\`, e.g. {"context": {${JSON.stringify(issue.keys?.[0] ?? 'name')}: ...}}.`;
}

/** An absent body (Fastify gives null) means no context. */
export const executeBody = z.preprocess(
  (body) => body ?? {},
  z.strictObject(
    {
      context: z
        .record(z.string(), z.unknown())
        .default({})
        .describe('The run input: becomes the trigger output ({{ n1.name }} reads `name`)'),
    },
    { error: unknownExecuteField },
  ),
);

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(255).optional(),
});

/** W3C Trace Context of the caller; an invalid traceparent is ignored (the run starts a new trace). */
export const traceHeaders = z.object({
  traceparent: z.string().optional().describe('W3C traceparent: the run joins this trace'),
  tracestate: z.string().optional().describe('W3C tracestate, passed on with traceparent'),
});

export const executeHeaders = idempotencyHeaders.extend(traceHeaders.shape);

export const webhookParams = z.object({ webhookToken: withoutNul(z.string().min(1).max(200)) });
export const webhookAccepted = z.object({ run_id: z.string() });

export const logQuery = z.object({
  status: z.enum(LOG_STATUSES).optional(),
  node_id: withoutNul(z.string().max(100)).optional(),
  run_id: withoutNul(z.string().max(100)).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(15),
});

const dayActivity = z
  .object({
    date: z.string().describe('UTC day, YYYY-MM-DD'),
    completed: z.number(),
    failed: z.number(),
    other: z.number().describe('Runs not finished yet (pending, running, waiting)'),
  })
  .describe('Runs created on one UTC day, by outcome');

export const logStatsSchema = z.object({
  log_statuses: z.record(z.string(), z.number()).describe("The workflow's log entries by status"),
  recent_runs: z
    .record(z.string(), z.number())
    .describe('Runs of the last 30 UTC days (today included: the days of runs_per_day), by status'),
  total_runs: z.number().describe('Runs of all time'),
  success_rate: z.number().describe('Completed among finished runs of all time, in %'),
  runs_per_day: z.array(dayActivity).describe('The last 30 UTC days, oldest first (a Stratoflow addition)'),
});

export const organizationStatsSchema = z.object({
  days: z.number().describe('Days covered (30)'),
  runs_per_day: z.array(dayActivity).describe('Oldest first, one entry per day'),
  workflows: z
    .array(
      z.object({
        workflow_id: z.string(),
        name: z.string(),
        total_runs: z.number(),
        completed: z.number(),
        failed: z.number(),
        success_rate: z.number().describe('Completed among finished runs, in %'),
      }),
    )
    .describe('Workflows that ran in the period, busiest first'),
  last_runs: z
    .array(
      z.object({ workflow_id: z.string(), run_id: z.string(), status: z.string(), created_at: timestamp }),
    )
    .describe('Each workflow’s newest run, whenever it was'),
  recent_failures: z.array(
    z.object({
      run_id: z.string(),
      workflow_id: z.string(),
      workflow_name: z.string().nullable(),
      failed_node_id: z.string().nullable(),
      error_message: z.string().nullable(),
      created_at: timestamp,
    }),
  ),
});
