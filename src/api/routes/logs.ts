import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseTimestamp } from '../../domain/time.js';
import type { LogService } from '../../engine/log-service.js';
import { principalOf } from '../auth/hook.js';
import { presentLog } from '../present.js';
import { authErrors, notFoundErrors } from '../schemas/common.js';
import { logQuery, logSchema, logStatsSchema, organizationStatsSchema } from '../schemas/run.js';
import { workflowIdParams } from '../schemas/workflow.js';

export interface LogRoutesOptions {
  logs: LogService;
}

export const logRoutes: FastifyPluginAsyncZod<LogRoutesOptions> = async (app, { logs }) => {
  const tags = ['Workflow Logs'];

  app.get(
    '/workflows/logs/recent',
    {
      schema: {
        tags,
        summary: 'The latest log entry of each workflow',
        response: { 200: z.array(logSchema), ...authErrors },
      },
    },
    async (request) => (await logs.recent(principalOf(request).orgId)).map(presentLog),
  );

  app.get(
    '/workflows/logs/stats',
    {
      schema: {
        tags,
        summary: 'Run statistics of the organization (last 30 days)',
        description:
          'Runs per day, per-workflow outcomes and the latest failed runs: what the web app dashboard shows.',
        response: { 200: organizationStatsSchema, ...authErrors },
      },
    },
    async (request) => logs.organizationStats(principalOf(request).orgId),
  );

  app.get(
    '/workflows/:workflowId/logs',
    {
      schema: {
        tags,
        summary: 'List log entries of a workflow (newest first)',
        description: 'Paginated with page/per_page; totals in the X-Total-Count and Link headers.',
        params: workflowIdParams,
        querystring: logQuery,
        response: { 200: z.array(logSchema), ...notFoundErrors },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const q = request.query;
      const page = { page: q.page, perPage: q.per_page };
      const filter = {
        ...(q.status ? { status: q.status } : {}),
        ...(q.node_id ? { nodeId: q.node_id } : {}),
        ...(q.run_id ? { runId: q.run_id } : {}),
        ...(q.from ? { from: parseTimestamp(q.from) ?? undefined } : {}),
        ...(q.to ? { to: parseTimestamp(q.to) ?? undefined } : {}),
      };
      const { rows, total } = await logs.list(orgId, request.params.workflowId, filter, page);
      const lastPage = Math.max(1, Math.ceil(total / page.perPage));
      reply.header('x-total-count', String(total));
      if (page.page < lastPage)
        reply.header('link', `<?page=${page.page + 1}&per_page=${page.perPage}>; rel="next"`);
      return rows.map(presentLog);
    },
  );

  app.get(
    '/workflows/:workflowId/logs/stats',
    {
      schema: {
        tags,
        summary: 'Log and run statistics of a workflow',
        params: workflowIdParams,
        response: { 200: logStatsSchema, ...notFoundErrors },
      },
    },
    async (request) => logs.stats(principalOf(request).orgId, request.params.workflowId),
  );
};
