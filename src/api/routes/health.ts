import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export interface HealthRoutesOptions {
  /** Resolves true when the database answers and migrations are current. */
  ready(): Promise<boolean>;
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (app, { ready }) => {
  const tags = ['Utilities'];
  app.get(
    '/healthz',
    {
      schema: {
        tags,
        summary: 'Process is up',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags,
        summary: 'Database reachable and migrations current',
        security: [],
        response: {
          200: z.object({ status: z.literal('ready') }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_request, reply) => {
      const ok = await ready().catch(() => false);
      return ok ? { status: 'ready' as const } : reply.code(503).send({ status: 'unavailable' as const });
    },
  );
};
