import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { nullRecord } from '../../domain/records.js';
import type { RunService } from '../../engine/run-service.js';
import { rawBodyOf } from '../body-parsers.js';
import { errorSchema } from '../schemas/common.js';
import { webhookAccepted, webhookParams } from '../schemas/run.js';

export interface WebhookRoutesOptions {
  runs: RunService;
  /** Rate limits per webhook URL and per client address (429 with Retry-After). */
  limit: (request: FastifyRequest) => Promise<void>;
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat = nullRecord<string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Public: the secret token in the path is the authentication. */
export const webhookRoutes: FastifyPluginAsyncZod<WebhookRoutesOptions> = async (app, { runs, limit }) => {
  app.post(
    '/workflows/webhooks/:webhookToken',
    {
      schema: {
        tags: ['Webhooks'],
        summary: 'Trigger a workflow via its webhook URL',
        description:
          'Body and headers become the trigger output; the body is also `webhook_payload`. 202 once stored. A W3C `traceparent` (and `tracestate`) header puts the run in that trace.',
        security: [],
        params: webhookParams,
        consumes: ['application/json', 'application/x-www-form-urlencoded', 'text/plain'],
        body: z
          .unknown()
          .describe(
            'Any JSON value (usually an object: its keys also become top-level trigger output fields), a form, or text',
          ),
        response: {
          202: webhookAccepted,
          400: errorSchema,
          401: errorSchema,
          404: errorSchema,
          409: errorSchema,
          413: errorSchema,
          429: errorSchema,
        },
      },
      preHandler: limit,
    },
    async (request, reply) => {
      const run = await runs.triggerWebhook(
        request.params.webhookToken,
        request.body,
        flatHeaders(request.headers),
        rawBodyOf(request),
      );
      return reply.code(202).send({ run_id: run.id });
    },
  );
};
