import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where the web app lives in URLs: no API path starts with it. */
export const UI_PREFIX = '/ui/';

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/**
 * Serves the built web app (dist/web) under /ui/: hashed assets cached for a year, every other /ui/ path
 * answered with index.html (client-side routes), `/` redirected to /ui/. Without a build, /ui/ says how
 * to make one.
 */
export async function installWebApp(app: FastifyInstance, dir: string) {
  const index = join(dir, 'index.html');
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect(UI_PREFIX));
  if (!existsSync(index)) {
    app.get('/ui/*', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm run build`, then restart `stratoflow serve`.'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: UI_PREFIX,
    wildcard: false,
    index: false,
    setHeaders(res, path) {
      res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.header(name, value);
    },
  });
  const sendIndex = (reply: FastifyReply) =>
    reply.headers({ ...SECURITY_HEADERS, 'cache-control': 'no-cache' }).sendFile('index.html', dir);
  app.get('/ui/', { schema: { hide: true } }, async (_req, reply) => sendIndex(reply));
  app.get('/ui/*', { schema: { hide: true } }, async (request, reply) => {
    // A missing asset is a 404, not the app shell (a stale tab asking for an old bundle).
    if (!request.url.startsWith('/ui/assets/')) return sendIndex(reply);
    reply.callNotFound();
    return reply;
  });
}
