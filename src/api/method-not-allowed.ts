import type { FastifyInstance } from 'fastify';
import { StratoflowError } from '../domain/errors.js';

/** A route's URL pattern (`/workflows/:workflowId`, `/ui/*`) as a regular expression over a path. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * Remembers every route's methods so that a request for a known path with a method it does not serve
 * can be told which methods it takes (405 with `Allow`) instead of that the endpoint does not exist.
 * Install before the routes are registered.
 */
export function trackRouteMethods(app: FastifyInstance) {
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  const byUrl = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    let methods = byUrl.get(route.url);
    if (!methods) {
      methods = new Set();
      byUrl.set(route.url, methods);
      routes.push({ pattern: patternOf(route.url), methods });
    }
    for (const method of [route.method].flat()) methods.add(method.toUpperCase());
  });
  /** The methods the path is served with (empty when no route has this path). */
  return (path: string): string[] => {
    const allowed = new Set<string>();
    for (const route of routes) {
      if (route.pattern.test(path)) for (const method of route.methods) allowed.add(method);
    }
    return [...allowed].sort();
  };
}

/** The 405 for a path served with other methods; a webhook URL says it takes POST. */
export function methodNotAllowed(method: string, path: string, allowed: readonly string[]): StratoflowError {
  const list = allowed.join(', ');
  if (/^\/(workflows\/)?webhooks\/[^/]+\/?$/.test(path) && allowed.includes('POST')) {
    return new StratoflowError(
      'method_not_allowed',
      `A webhook URL takes POST requests (the event as the request body); ${method} is not allowed. Allowed: ${list}.`,
    );
  }
  return new StratoflowError('method_not_allowed', `${method} is not allowed on ${path}. Allowed: ${list}.`);
}
