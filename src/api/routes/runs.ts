import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseTraceparent } from '../../domain/trace-context.js';
import type { RunRecord } from '../../domain/types.js';
import { runNodeStates } from '../../engine/run-graph.js';
import type { RunService } from '../../engine/run-service.js';
import type { NodeRegistry } from '../../nodes/registry.js';
import { principalOf } from '../auth/hook.js';
import { presentNodeStates, presentPage, presentRun, presentRunSummary } from '../present.js';
import { createRunStreams, DEFAULT_RUN_STREAM_LIMITS, type RunStreamLimits } from '../run-events.js';
import { authErrors, errorSchema, notFoundErrors, paginated } from '../schemas/common.js';
import {
  executeBody,
  executeHeaders,
  executionsQuery,
  rerunQuery,
  resumeParams,
  runActionResponse,
  runGraphSchema,
  runIdParams,
  runListQuery,
  runSchema,
  runSummarySchema,
} from '../schemas/run.js';
import { workflowIdParams } from '../schemas/workflow.js';

const runPageSchema = paginated(runSummarySchema, 'RunSummary');

export interface RunRoutesOptions {
  runs: RunService;
  publicUrl: string;
  registry: NodeRegistry;
  runStreams?: Partial<RunStreamLimits>;
}

export const runRoutes: FastifyPluginAsyncZod<RunRoutesOptions> = async (
  app,
  { runs, publicUrl, registry, runStreams },
) => {
  const tags = ['Workflow Runs'];
  const limits = { ...DEFAULT_RUN_STREAM_LIMITS, ...runStreams };
  const stream = createRunStreams(app, runs, registry, limits, publicUrl);

  app.get(
    '/workflows/runs',
    {
      schema: {
        tags,
        summary: 'List the organization’s runs across workflows (newest first)',
        description:
          'Laravel paginator; filter with `status` and `workflow_id`. Items omit logs, and the trigger payload unless `include=trigger_payload` (GET /workflows/runs/{runId} has both).',
        querystring: runListQuery,
        response: { 200: runPageSchema, ...authErrors },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const q = request.query;
      const page = { page: q.page, perPage: q.per_page };
      const filter = {
        ...(q.status ? { status: q.status } : {}),
        ...(q.workflow_id ? { workflowId: q.workflow_id } : {}),
      };
      const { rows, total } = await runs.findRuns(orgId, filter, page);
      const present = q.include ? (run: RunRecord) => presentRun(run) : presentRunSummary;
      return presentPage(rows, total, page, `${publicUrl}/workflows/runs`, present, query(q));
    },
  );

  app.get(
    '/workflows/runs/:runId/graph',
    {
      schema: {
        tags,
        summary: 'The graph a run executed, with each node’s state',
        description:
          'Nodes and edges of the workflow version the run pinned, and per node: `success`, `error`, `skipped` (a branch not taken), `not_reached`, `running` or `waiting`, with the last attempt’s duration.',
        params: runIdParams,
        response: { 200: runGraphSchema, ...notFoundErrors },
      },
    },
    async (request) => {
      const { run, definition, logs } = await runs.getRunGraph(
        principalOf(request).orgId,
        request.params.runId,
      );
      return {
        run_id: run.id,
        version_id: run.versionId,
        nodes: definition.nodes,
        edges: definition.edges,
        node_states: presentNodeStates(runNodeStates(definition, run, logs, registry)),
      };
    },
  );

  app.get(
    '/workflows/runs/:runId/events',
    {
      schema: {
        tags,
        summary: 'Follow a run live (server-sent events)',
        description: [
          '`text/event-stream` of the run: `run` (the run without payload, again whenever its state changes),',
          '`log` (each log entry as it commits; `id` is its sequence number, so `Last-Event-ID` resumes),',
          '`nodes` (every node’s state, as in GET /workflows/runs/{runId}/graph), then `end` once the run has',
          'completed or failed, and the stream closes. `: keep-alive` comments flow while nothing happens.',
          'A store failure sends `error` (the error envelope). At most a few streams per organization are open',
          'at once (429 `too_many_run_streams`). Send the bearer token in the Authorization header.',
        ].join(' '),
        params: runIdParams,
        response: {
          200: {
            description: 'Server-sent events',
            content: { 'text/event-stream': { schema: z.string() } },
          },
          429: errorSchema,
          ...notFoundErrors,
        },
      },
    },
    async (request, reply) => stream(request, reply, principalOf(request).orgId, request.params.runId),
  );

  app.post(
    '/workflows/:workflowId/execute',
    {
      schema: {
        tags,
        summary: 'Execute a workflow asynchronously',
        description:
          'The context becomes the trigger output. An Idempotency-Key replays the first run for 24 hours.',
        params: workflowIdParams,
        headers: executeHeaders,
        body: executeBody,
        response: { 202: runSchema, 409: errorSchema, ...notFoundErrors },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const key = request.headers['idempotency-key'];
      const trace = parseTraceparent(request.headers.traceparent, request.headers.tracestate);
      const { run } = await runs.execute(orgId, request.params.workflowId, request.body.context, key, trace);
      return reply.code(202).send(presentRun(run, []));
    },
  );

  app.get(
    '/workflows/:workflowId/executions',
    {
      schema: {
        tags,
        summary: 'List runs of a workflow (newest first)',
        description:
          'Laravel paginator; `status` keeps only runs in that state. Items omit logs, and the trigger payload unless `include=trigger_payload` (GET /workflows/runs/{runId} has both).',
        params: workflowIdParams,
        querystring: executionsQuery,
        response: { 200: runPageSchema, ...notFoundErrors },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const q = request.query;
      const page = { page: q.page, perPage: q.per_page };
      const { rows, total } = await runs.listRuns(orgId, request.params.workflowId, page, q.status);
      const path = `${publicUrl}/workflows/${request.params.workflowId}/executions`;
      const present = q.include ? (run: RunRecord) => presentRun(run) : presentRunSummary;
      return presentPage(rows, total, page, path, present, query(q));
    },
  );

  app.get(
    '/workflows/runs/:runId',
    {
      schema: {
        tags,
        summary: 'Retrieve a run with its ordered logs',
        params: runIdParams,
        response: { 200: runSchema, ...notFoundErrors },
      },
    },
    async (request) => {
      const { run, logs } = await runs.getRunWithLogs(principalOf(request).orgId, request.params.runId);
      return presentRun(run, logs);
    },
  );

  app.post(
    '/workflows/runs/:runId/rerun',
    {
      schema: {
        tags,
        summary: 'Re-run with the original trigger payload',
        description:
          'Uses the workflow as it is now; `?version=original` re-runs the definition the original run used.',
        params: runIdParams,
        querystring: rerunQuery,
        response: { 202: runActionResponse, ...notFoundErrors },
      },
    },
    async (request, reply) => {
      const run = await runs.rerun(principalOf(request).orgId, request.params.runId, request.query.version);
      return reply.code(202).send({
        message: 'Workflow re-run initiated successfully.',
        new_run: presentRun(run, []),
        original_run_id: request.params.runId,
      });
    },
  );

  app.post(
    '/workflows/runs/:runId/resume-from/:nodeId',
    {
      schema: {
        tags,
        summary: 'Resume a failed run after a node that succeeded',
        params: resumeParams,
        response: { 202: runActionResponse, ...notFoundErrors },
      },
    },
    async (request, reply) => {
      const { runId, nodeId } = request.params;
      const run = await runs.resume(principalOf(request).orgId, runId, nodeId);
      return reply.code(202).send({
        message: `Workflow resumed successfully from node '${nodeId}'.`,
        new_run: presentRun(run, []),
        original_run_id: runId,
      });
    },
  );
};

/** The filters a page link keeps (page itself is set by the paginator). */
function query(q: {
  status?: string | undefined;
  workflow_id?: string | undefined;
  include?: string | undefined;
  per_page: number;
}) {
  const params = new URLSearchParams();
  if (q.status) params.set('status', q.status);
  if (q.include) params.set('include', q.include);
  if (q.workflow_id) params.set('workflow_id', q.workflow_id);
  if (q.per_page !== 15) params.set('per_page', String(q.per_page));
  return params;
}
