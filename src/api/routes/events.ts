import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EventService } from '../../engine/event-service.js';
import { principalOf } from '../auth/hook.js';
import { authErrors, errorSchema } from '../schemas/common.js';
import { eventAccepted, eventBody } from '../schemas/event.js';
import { idempotencyHeaders } from '../schemas/run.js';

export interface EventRoutesOptions {
  events: EventService;
}

export const eventRoutes: FastifyPluginAsyncZod<EventRoutesOptions> = async (app, { events }) => {
  app.post(
    '/workflows/events',
    {
      schema: {
        tags: ['Platform Events'],
        summary: 'Report a platform event',
        description:
          'Starts every active workflow of your organization whose trigger matches the event type ' +
          '(e.g. `site.offline` starts `site_offline` workflows) with the event as the trigger output. ' +
          'An Idempotency-Key makes a retried delivery return the runs of the first one for 24 hours.',
        headers: idempotencyHeaders,
        body: eventBody,
        response: { 202: eventAccepted, 409: errorSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const key = request.headers['idempotency-key'];
      const runIds = await events.publish(orgId, {
        type: request.body.type,
        data: request.body.data,
        ...(key ? { idempotencyKey: key } : {}),
      });
      return reply.code(202).send({ run_ids: runIds });
    },
  );
};
