import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const PUBLIC_PATHS = /^\/(healthz|readyz|docs|openapi\.json)(\/|$|\?)/;

/**
 * Per-token request limit (the hosted API allows 60 requests a minute per token and answers 429).
 * Callers without a token are counted by address. Off when `perMinute` is 0, the self-hosted default.
 */
export async function installRateLimit(app: FastifyInstance, perMinute: number) {
  if (perMinute <= 0) return;
  await app.register(rateLimit, {
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => request.headers.authorization ?? request.ip,
    allowList: (request: FastifyRequest) => PUBLIC_PATHS.test(request.url),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}.`,
    }),
  });
}
