import { z } from 'zod';
import { idPattern } from '../../domain/ids.js';
import { timestamp, withoutNul } from './common.js';

export const RUN_STATUSES = ['pending', 'running', 'completed', 'failed', 'awaiting_ui_interaction'] as const;
export const LOG_STATUSES = ['success', 'error', 'warning'] as const;

export const logSchema = z.object({
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
  created_at: timestamp,
});

export const runSchema = z.object({
  id: z.string(),
  workflow_id: z.string(),
  status: z.enum(RUN_STATUSES),
  error_message: z.string().nullable(),
  failed_node_id: z.string().nullable(),
  started_at: timestamp,
  completed_at: timestamp.nullable(),
  duration_in_seconds: z.number().nullable(),
  trigger_payload: z.record(z.string(), z.unknown()),
  original_run_id: z.string().nullable(),
  resumed_from_node_id: z.string().nullable(),
  created_at: timestamp,
  logs: z.array(logSchema).optional(),
});

export const runActionResponse = z.object({
  message: z.string(),
  new_run: runSchema,
  original_run_id: z.string().optional(),
});

export const rerunQuery = z.object({ version: z.enum(['current', 'original']).default('current') });

export const runIdParams = z.object({ runId: z.string().regex(idPattern('run')) });
export const resumeParams = runIdParams.extend({ nodeId: withoutNul(z.string().min(1).max(100)) });

/** An absent body (Fastify gives null) means no context. */
export const executeBody = z.preprocess(
  (body) => body ?? {},
  z.object({ context: z.record(z.string(), z.unknown()).default({}) }),
);

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(255).optional(),
});

export const webhookParams = z.object({ webhookToken: withoutNul(z.string().min(1).max(200)) });
export const webhookAccepted = z.object({ run_id: z.string() });

export const logQuery = z.object({
  status: z.enum(LOG_STATUSES).optional(),
  node_id: withoutNul(z.string().max(100)).optional(),
  run_id: withoutNul(z.string().max(100)).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(50),
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
  log_statuses: z.record(z.string(), z.number()),
  recent_runs: z.record(z.string(), z.number()),
  total_runs: z.number(),
  success_rate: z.number(),
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
