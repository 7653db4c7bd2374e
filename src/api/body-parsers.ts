import type { FastifyInstance } from 'fastify';
import { jsonBodyParser } from './json-body.js';

/**
 * Request bodies: JSON (see json-body.ts), form-encoded (an object of strings, for webhook
 * senders that post forms) and anything else as text. Size is capped by Fastify's `bodyLimit`.
 */
export function installBodyParsers(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  const parseJson = jsonBodyParser(app);
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json/, { parseAs: 'string' }, (req, body, done) =>
    parseJson(req, body as string, done),
  );
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    done(null, (body as string) === '' ? undefined : body);
  });
}
