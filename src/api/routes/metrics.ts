import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bearerMatches } from '../../domain/bearer.js';
import { StratoflowError } from '../../domain/errors.js';
import { errorSchema } from '../schemas/common.js';

/** What serves `/metrics` (the process's Prometheus registry). */
export interface MetricsSource {
  scrape(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsRoutesOptions {
  /** The metrics, or null when this process collects none. */
  metrics: MetricsSource | null;
  /** The bearer token `/metrics` on the API port asks for; null: not served on this port (404). */
  token: string | null;
}

/**
 * `GET /metrics` on the API port, for Prometheus: only with `STRATOFLOW_METRICS_TOKEN` set, and only
 * for a request bearing it. A separate metrics listener (`STRATOFLOW_METRICS_PORT`) serves them too.
 */
export const metricsRoutes: FastifyPluginAsyncZod<MetricsRoutesOptions> = async (app, options) => {
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['Utilities'],
        summary: 'Prometheus metrics',
        description:
          'Prometheus text exposition. Served on the API port only when STRATOFLOW_METRICS_TOKEN is set, with that token as the bearer token (the metrics token, not a user JWT); 404 otherwise. docs/operations.md lists the metrics.',
        security: [{ bearerAuth: [] }],
        response: {
          200: z.string().describe('Prometheus text format'),
          401: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { metrics, token } = options;
      if (!metrics || token === null) throw new StratoflowError('metrics_not_enabled');
      if (!request.headers.authorization) throw new StratoflowError('authentication_required');
      if (!bearerMatches(request.headers.authorization, token))
        throw new StratoflowError('token_invalid', 'The bearer token is not the metrics token.');
      return reply.type(metrics.contentType).send(await metrics.scrape());
    },
  );
};
