import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StratoflowError } from '../domain/errors.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../domain/json-depth.js';
import { rememberJsonText } from '../domain/json-text.js';

export { MAX_JSON_DEPTH, nestsDeeperThan } from '../domain/json-depth.js';

type Done = (error: Error | null, body?: unknown) => void;

/**
 * JSON bodies: an empty body counts as none; deeper than MAX_JSON_DEPTH is refused; keys that could
 * reach an object's prototype (`__proto__`, `constructor.prototype`) are refused as Fastify does.
 */
export function jsonBodyParser(app: FastifyInstance) {
  const secureParse = app.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: string, done: Done) => {
    if (body.trim() === '') return done(null, undefined);
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) return done(new StratoflowError('json_too_deep'));
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return done(new StratoflowError('invalid_json'));
    }
    if (!body.includes('__proto__') && !body.includes('constructor')) {
      rememberJsonText(parsed, body);
      return done(null, parsed);
    }
    secureParse(request, body, (error, safe) =>
      error
        ? done(
            new StratoflowError(
              'invalid_json',
              'The request body may not contain "__proto__" or "constructor.prototype" keys.',
            ),
          )
        : done(null, safe),
    );
  };
}
