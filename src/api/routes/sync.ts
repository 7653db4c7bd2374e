import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { parseTraceparent } from '../../domain/trace-context.js';
import type { SyncService } from '../../engine/sync-service.js';
import type { Authenticator, Principal } from '../auth/verify.js';
import type { OrgGate } from '../org-concurrency.js';
import { errorSchema } from '../schemas/common.js';
import { workflowIdParams } from '../schemas/workflow.js';

/** Verifies workflow API keys (`wfk_...`, minted by vault items named `api-key:...`). */
export interface ApiKeyVerifier {
  verify(key: string): Promise<{ orgId: string } | null>;
}

export interface SyncRoutesOptions {
  sync: SyncService;
  authenticator: Authenticator;
  apiKeys: ApiKeyVerifier | null;
  gate: OrgGate;
  /** The per-principal rate limit, applied once the caller is known. */
  limit: (request: FastifyRequest) => Promise<void>;
}

async function authenticate(header: string | undefined, options: SyncRoutesOptions): Promise<Principal> {
  if (!header) throw new StratoflowError('authentication_required');
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!token)
    throw new StratoflowError('token_invalid', 'The Authorization header must be `Bearer <token>`.');
  if (!token.startsWith('wfk_')) return options.authenticator.verify(token);
  const key = options.apiKeys ? await options.apiKeys.verify(token) : null;
  if (!key) throw new StratoflowError('token_invalid', 'Unknown workflow API key.');
  return { orgId: key.orgId, userId: null };
}

/** `POST /workflows/sync/{id}`: a user JWT or a workflow API key (`wfk_...`) as the bearer token. */
export const syncRoutes: FastifyPluginAsyncZod<SyncRoutesOptions> = async (app, options) => {
  app.post(
    '/workflows/sync/:workflowId',
    {
      schema: {
        tags: ['Workflows'],
        summary: 'Execute a synchronous workflow',
        description:
          'Runs a sync_request_trigger workflow inline (30 s limit) and answers with the output of its final text_transform: JSON when it parses, else text. The body is `payload` in templates. A W3C `traceparent` (and `tracestate`) header puts the run in that trace.',
        params: workflowIdParams,
        consumes: ['application/json', 'application/x-www-form-urlencoded', 'text/plain'],
        body: z.unknown().describe('Any JSON value, form or text: `payload` in the workflow’s templates'),
        response: {
          200: {
            description:
              'The final text_transform output: application/json when it parses as JSON, else text/plain. The run id is in X-Stratoflow-Run-Id.',
            content: {
              'application/json': { schema: z.unknown() },
              'text/plain': { schema: z.string() },
            },
          },
          401: errorSchema,
          404: errorSchema,
          422: errorSchema,
          429: errorSchema,
          504: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const principal = await authenticate(request.headers.authorization, options);
      request.principal = principal;
      await options.limit(request);
      const result = await options.gate.run(principal.orgId, () =>
        options.sync.execute(
          principal.orgId,
          request.params.workflowId,
          request.body,
          parseTraceparent(request.headers.traceparent, request.headers.tracestate),
        ),
      );
      reply.header('x-stratoflow-run-id', result.runId);
      // The text the node produced, already known to be JSON: sent as is, not serialised again.
      if (result.isJson) return reply.type('application/json').send(result.text);
      return reply.type('text/plain; charset=utf-8').send(result.body as string);
    },
  );
};
