import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ErrorCode, StratoflowError } from '../domain/errors.js';
import { methodNotAllowed, trackRouteMethods } from './method-not-allowed.js';

/** The spec's error envelope. */
export interface ErrorBody {
  type: string;
  code: string;
  message: string;
  param?: string;
  doc_url: string;
  errors?: unknown[];
}

/** `nodes/0/data/componentId` → `nodes[0].data.componentId`. */
export function paramFromPath(path: string): string {
  return path
    .split('/')
    .filter((part) => part.length > 0)
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** A schema problem with one parameter: missing (zod saw undefined) or invalid. */
export function parameterError(param: string, detail: string): StratoflowError {
  if (/received undefined/.test(detail)) {
    return new StratoflowError(
      'parameter_missing',
      `The '${param}' parameter is required for this request.`,
      param,
    );
  }
  // The plain messages (domain/validation-messages.ts) read on from the name: "must be at most 100".
  const message = detail.startsWith('must ')
    ? `The '${param}' parameter ${detail}.`
    : `The '${param}' parameter is invalid: ${detail}`;
  return new StratoflowError('parameter_invalid', message, param);
}

function validationError(error: FastifyError & { validationContext?: string }): StratoflowError {
  if (!hasZodFastifySchemaValidationErrors(error)) {
    return new StratoflowError('parameter_invalid', error.message);
  }
  // A path id that cannot exist names nothing: answer as for an unknown id (no such resource).
  if (error.validationContext === 'params') return new StratoflowError('resource_not_found');
  const first = error.validation[0];
  const param = paramFromPath(first?.instancePath ?? '') || (error.validationContext ?? 'body');
  const unknownKeys = (first?.params as { keys?: unknown } | undefined)?.keys;
  if (first?.keyword === 'unrecognized_keys' && Array.isArray(unknownKeys) && unknownKeys.length > 0) {
    const base = paramFromPath(first.instancePath ?? '');
    const key = String(unknownKeys[0]);
    return new StratoflowError('parameter_invalid', first.message, base ? `${base}.${key}` : key);
  }
  return parameterError(param, first?.message ?? 'invalid value');
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_json',
};

/** Maps anything thrown while handling a request to a registered error. */
export function toStratoflowError(error: unknown): StratoflowError {
  if (error instanceof StratoflowError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError?.validation) return validationError(fastifyError);
  const code = fastifyError?.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (code) return new StratoflowError(code);
  if (fastifyError?.statusCode === 429)
    return new StratoflowError('rate_limited', fastifyError.message || undefined);
  if (fastifyError?.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new StratoflowError('parameter_invalid', fastifyError.message);
  }
  return new StratoflowError('internal_error');
}

export function errorBody(error: StratoflowError, publicUrl: string, extra?: unknown[]): ErrorBody {
  const body: ErrorBody = {
    type: error.type,
    code: error.code,
    message: error.message,
    doc_url: `${publicUrl}/errors#${error.code}`,
  };
  if (error.param) body.param = error.param;
  if (extra) body.errors = extra;
  return body;
}

export function sendError(reply: FastifyReply, error: StratoflowError, publicUrl: string, extra?: unknown[]) {
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply
    .code(error.status)
    .type('application/json')
    .send(errorBody(error, publicUrl, extra));
}

/** Errors Fastify raises before routing (a malformed or over-long URL) get the same envelope. */
export function frameworkErrorHandler(publicUrl: string) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) =>
    sendError(reply, toStratoflowError(error), publicUrl);
}

/** A 413 names the limit of the endpoint that refused the body. */
function withBodyLimit(error: StratoflowError, request: FastifyRequest): StratoflowError {
  const limit = request.routeOptions?.bodyLimit;
  if (error.code !== 'request_too_large' || !limit) return error;
  return new StratoflowError(
    'request_too_large',
    `The request body is larger than the limit of ${limit} bytes (${humanBytes(limit)}). Send a smaller body, or raise STRATOFLOW_BODY_LIMIT.`,
  );
}

function humanBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} B`;
}

/** The one place errors become HTTP responses. Client input never yields a 500. */
export function installErrorHandling(app: FastifyInstance, publicUrl: string) {
  const methodsOf = trackRouteMethods(app);
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const mapped = withBodyLimit(toStratoflowError(error), request);
    if (mapped.code === 'internal_error') request.log.error({ err: error }, 'unhandled error');
    const details = (error as { details?: unknown[] }).details;
    return sendError(reply, mapped, publicUrl, Array.isArray(details) ? details : undefined);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    const allowed = methodsOf(path);
    // A path no route serves, or one served with this very method whose handler found nothing (a
    // missing static asset under `/ui/*`): not found. Only a path served with other methods is a 405.
    if (allowed.length === 0 || allowed.includes(request.method)) {
      return sendError(reply, new StratoflowError('route_not_found'), publicUrl);
    }
    reply.header('allow', allowed.join(', '));
    return sendError(reply, methodNotAllowed(request.method, path, allowed), publicUrl);
  });
}
