import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RunService } from '../../engine/run-service.js';
import { principalOf } from '../auth/hook.js';
import { presentPage, presentRun } from '../present.js';
import { errorSchema, notFoundErrors, pageQuery, paginated } from '../schemas/common.js';
import {
  executeBody,
  idempotencyHeaders,
  rerunQuery,
  resumeParams,
  runActionResponse,
  runIdParams,
  runSchema,
} from '../schemas/run.js';
import { workflowIdParams } from '../schemas/workflow.js';

export interface RunRoutesOptions {
  runs: RunService;
  publicUrl: string;
}

export const runRoutes: FastifyPluginAsyncZod<RunRoutesOptions> = async (app, { runs, publicUrl }) => {
  const tags = ['Workflow Runs'];

  app.post(
    '/workflows/:workflowId/execute',
    {
      schema: {
        tags,
        summary: 'Execute a workflow asynchronously',
        description:
          'The context becomes the trigger output. An Idempotency-Key replays the first run for 24 hours.',
        params: workflowIdParams,
        headers: idempotencyHeaders,
        body: executeBody,
        response: { 202: runSchema, 409: errorSchema, ...notFoundErrors },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const key = request.headers['idempotency-key'];
      const { run } = await runs.execute(orgId, request.params.workflowId, request.body.context, key);
      return reply.code(202).send(presentRun(run, []));
    },
  );

  app.get(
    '/workflows/:workflowId/executions',
    {
      schema: {
        tags,
        summary: 'List runs of a workflow (newest first)',
        params: workflowIdParams,
        querystring: pageQuery,
        response: { 200: paginated(runSchema), ...notFoundErrors },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const page = { page: request.query.page, perPage: request.query.per_page };
      const { rows, total } = await runs.listRuns(orgId, request.params.workflowId, page);
      const path = `${publicUrl}/workflows/${request.params.workflowId}/executions`;
      return presentPage(rows, total, page, path, (run) => presentRun(run));
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
