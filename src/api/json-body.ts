import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StratoflowError } from '../domain/errors.js';

/** Deepest nesting of objects/arrays a JSON body may have; deeper bodies overflow recursive code later. */
export const MAX_JSON_DEPTH = 64;

/** Whether `text` opens more than `max` objects/arrays inside each other (brackets in strings ignored). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

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
    if (!body.includes('__proto__') && !body.includes('constructor')) return done(null, parsed);
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
