import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonBodyParser } from './json-body.js';

/**
 * Request bodies: JSON (see json-body.ts), form-encoded (an object of strings, for webhook
 * senders that post forms) and anything else as text. Size is capped by Fastify's `bodyLimit`.
 */
export function installBodyParsers(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  const parseJson = jsonBodyParser(app);
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json/, { parseAs: 'string' }, (req, body, done) => {
    keepRaw(req, body as string);
    parseJson(req, body as string, done);
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    keepRaw(req, body as string);
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    keepRaw(req, body as string);
    done(null, (body as string) === '' ? undefined : body);
  });
}

const RAW = Symbol('rawBody');

/** Webhook signatures are computed over the body exactly as sent: keep it beside the parsed one. */
function keepRaw(request: FastifyRequest, body: string) {
  (request as unknown as Record<symbol, string>)[RAW] = body;
}

/** The request body as received (UTF-8 text), or '' when there was none. */
export function rawBodyOf(request: FastifyRequest): string {
  return (request as unknown as Record<symbol, string | undefined>)[RAW] ?? '';
}
