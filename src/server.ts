import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import { buildApp } from './api/app.js';
import { createAuthenticator } from './api/auth/verify.js';
import { resolveJwtSecret } from './cli/jwt-secret.js';
import type { Config } from './config.js';
import { type Clock, systemClock } from './domain/time.js';
import { createWorkflowService } from './engine/workflow-service.js';
import { builtinNodes, createNodeRegistry } from './nodes/registry.js';
import { openSqliteStore } from './store/sqlite/open-sqlite-store.js';
import type { Store } from './store/store.js';

export const VERSION = '0.1.0';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  jwtSecret: string | null;
  close(): Promise<void>;
}

export interface ServerOptions {
  clock?: Clock;
  logger?: Logger;
}

/** The composition root: store, services, HTTP app. `stratoflow serve` and the tests both use it. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  mkdirSync(config.dataDir, { recursive: true });
  const store = await openSqliteStore(join(config.dataDir, 'stratoflow.db'));
  const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir, !config.jwksUrl);
  const registry = createNodeRegistry(builtinNodes());
  const workflows = createWorkflowService({
    store,
    registry,
    clock,
    authorizationExists: (orgId, id) => store.authorizationExists(orgId, id),
  });
  const app = await buildApp({
    publicUrl: config.publicUrl,
    bodyLimitBytes: config.bodyLimitBytes,
    version: VERSION,
    authenticator: createAuthenticator({ jwtSecret, jwksUrl: config.jwksUrl }),
    workflows,
    ready: async () => (await store.listWorkflows('__readyz__')) !== null,
    logger,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  logger.info({ url: address }, 'stratoflow listening');
  return {
    app,
    store,
    url: address,
    jwtSecret,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
