import type { FastifyInstance } from 'fastify';
import { StratoflowError } from '../domain/errors.js';

/**
 * Request bodies: JSON (an empty body counts as none), form-encoded (an object of strings, for webhook
 * senders that post forms) and anything else as text. Size is capped by Fastify's `bodyLimit`.
 */
export function installBodyParsers(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json/, { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new StratoflowError('invalid_json'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    done(null, (body as string) === '' ? undefined : body);
  });
}
