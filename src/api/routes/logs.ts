import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseTimestamp } from '../../domain/time.js';
import type { LogService } from '../../engine/log-service.js';
import { principalOf } from '../auth/hook.js';
import { arrayPage, optionalPageQuery, setPageHeaders } from '../list-page.js';
import { presentLog } from '../present.js';
import { authErrors, notFoundErrors } from '../schemas/common.js';
import { logQuery, logSchema, logStatsSchema, organizationStatsSchema } from '../schemas/run.js';
import { workflowIdParams } from '../schemas/workflow.js';

export interface LogRoutesOptions {
  logs: LogService;
  publicUrl: string;
}

const recentQuery = optionalPageQuery.extend({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('At most this many entries (the newest); all workflows when absent'),
});

export const logRoutes: FastifyPluginAsyncZod<LogRoutesOptions> = async (app, { logs, publicUrl }) => {
  const tags = ['Workflow Logs'];

  app.get(
    '/workflows/logs/recent',
    {
      schema: {
        tags,
        summary: 'The latest log entry of each workflow (newest first)',
        description: '`limit` keeps the newest entries; `page`/`per_page` page through them.',
        querystring: recentQuery,
        response: { 200: z.array(logSchema), ...authErrors },
      },
    },
    async (request, reply) => {
      const recent = (await logs.recent(principalOf(request).orgId)).map(presentLog);
      const { limit } = request.query;
      const kept = limit === undefined ? recent : recent.slice(0, limit);
      return arrayPage(reply, kept, request.query, `${publicUrl}/workflows/logs/recent`);
    },
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
        description:
          'An array, one page at a time: `page`, `per_page` (default 15, max 100); the total in `X-Total-Count`, absolute page URLs in `Link`.',
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
      const keep = new URLSearchParams();
      for (const name of ['status', 'node_id', 'run_id', 'from', 'to'] as const) {
        const value = q[name];
        if (value) keep.set(name, value);
      }
      const path = `${publicUrl}/workflows/${request.params.workflowId}/logs`;
      setPageHeaders(reply, total, page, path, keep);
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
