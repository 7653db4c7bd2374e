import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './api/app.js';
import { createAuthenticator } from './api/auth/verify.js';
import type { RunStreamLimits } from './api/run-events.js';
import type { Config } from './config.js';
import { lockDataDir } from './data-dir-lock.js';
import { ensurePrivateDir } from './domain/private-files.js';
import { type Clock, systemClock } from './domain/time.js';
import { createArtifactService } from './engine/artifact-service.js';
import { createEventService } from './engine/event-service.js';
import { createInteractionService } from './engine/interaction-service.js';
import { createLogService } from './engine/log-service.js';
import { createNodeTester } from './engine/node-tester.js';
import { createSyncService } from './engine/sync-service.js';
import { createWorkflowService } from './engine/workflow-service.js';
import { hostEngine } from './engine-host.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { createLogger } from './logger.js';
import { setupObservability } from './observability/index.js';
import { packageRoot } from './package-root.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { VERSION } from './version.js';
import type { Worker } from './worker/worker.js';

export { VERSION };

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  worker: Worker | null;
  url: string;
  /** The separate metrics listener (`STRATOFLOW_METRICS_PORT`), or null. */
  metricsUrl: string | null;
  jwtSecret: string | null;
  close(): Promise<void>;
}

export interface ServerOptions {
  clock?: Clock;
  logger?: Logger;
  /** Run the worker in this process (default true; `serve --no-worker` turns it off). */
  worker?: boolean;
  /** Serve the web app under /ui/ (default true; `serve --no-ui` turns it off). */
  ui?: boolean;
  /** Live run stream limits (tests shorten them). */
  runStreams?: Partial<RunStreamLimits>;
  /** Time between retention sweeps (tests shorten it; default from the retention, see worker/retention). */
  retentionIntervalMs?: number;
}

/** The built web app (`npm run build` writes it to dist/web). */
export const WEB_APP_DIR = join(packageRoot(), 'dist', 'web');

/** The composition root: store, services, worker, HTTP app. `stratoflow serve` and the tests use it. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const embedded = config.databaseUrl === null;
  const unlock = embedded ? lockDataDirAfterMkdir(config.dataDir) : () => undefined;
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgPoolSize: config.pgPoolSize,
    sqliteSynchronous: config.sqliteSynchronous,
    sqliteCheckpoint: config.sqliteCheckpoint,
  });
  if (store.dialect === 'sqlite') await store.releaseAllLeases();
  const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir, !config.jwksUrl);
  const observability = await setupObservability(config.observability, {
    store,
    clock,
    logger,
    version: VERSION,
  });
  const engine = await hostEngine(store, config, clock, logger, {
    worker: options.worker !== false,
    telemetry: observability.telemetry,
    ...(options.retentionIntervalMs ? { retentionIntervalMs: options.retentionIntervalMs } : {}),
  });
  const { runtime, vault, worker } = engine;
  const { registry, runs } = runtime;
  const workflows = createWorkflowService({
    store,
    registry,
    clock,
    limits: runtime.executor.limits,
    authorizationExists: (orgId, id) => store.authorizationExists(orgId, id),
    templates: runtime.executor.templates,
    vaultNames: async (orgId) => new Set((await store.listVaultItems(orgId)).map((item) => item.name)),
    quotas: config.quotas,
  });
  const app = await buildApp({
    publicUrl: config.publicUrl,
    bodyLimitBytes: config.bodyLimitBytes,
    version: VERSION,
    authenticator: createAuthenticator({
      jwtSecret,
      jwksUrl: config.jwksUrl,
      audience: config.jwtAudience,
      issuer: config.jwtIssuer,
    }),
    workflows,
    runs,
    logs: createLogService({ store, clock }),
    vault: vault.items,
    authorizations: vault.authorizations,
    events: createEventService({ store, runs }),
    artifacts: createArtifactService({ store, clock }),
    interactions: createInteractionService({ store, clock, onRunReady: () => worker?.wake() }),
    tester: createNodeTester({ executor: runtime.executor, registry }),
    registry,
    sync: createSyncService({ executor: runtime.executor, runs, timeoutMs: config.limits.syncTimeoutMs }),
    apiKeys: vault.apiKeys,
    ready: () => store.ready(),
    rateLimits: {
      perPrincipal: config.rateLimitPerMinute,
      perWebhookToken: config.webhookRateLimitPerMinute,
      perWebhookIp: config.webhookIpRateLimitPerMinute,
    },
    orgConcurrency: config.orgConcurrency,
    logger,
    webAppDir: options.ui === false ? null : WEB_APP_DIR,
    metrics: observability.metrics
      ? { source: observability.metrics, token: config.observability.metricsToken }
      : null,
    ...(options.runStreams ? { runStreams: options.runStreams } : {}),
  });
  const address = await app.listen({ port: config.port, host: config.host });
  engine.start();
  logger.info({ url: address, store: store.dialect, worker: worker !== null }, 'stratoflow listening');
  return {
    app,
    store,
    worker,
    url: address,
    metricsUrl: observability.metricsUrl,
    jwtSecret,
    async close() {
      await app.close();
      await engine.stop();
      await observability.close();
      await store.close();
      unlock();
    },
  };
}

function lockDataDirAfterMkdir(dataDir: string) {
  ensurePrivateDir(dataDir);
  return lockDataDir(dataDir);
}
