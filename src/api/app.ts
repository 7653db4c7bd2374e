import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { installPlainValidationMessages } from '../domain/validation-messages.js';
import type { ArtifactService } from '../engine/artifact-service.js';
import type { EventService } from '../engine/event-service.js';
import type { InteractionService } from '../engine/interaction-service.js';
import type { LogService } from '../engine/log-service.js';
import type { NodeTester } from '../engine/node-tester.js';
import type { RunService } from '../engine/run-service.js';
import type { SyncService } from '../engine/sync-service.js';
import type { WorkflowService } from '../engine/workflow-service.js';
import type { NodeRegistry } from '../nodes/registry.js';
import type { AuthorizationService, VaultService } from '../vault/index.js';
import { bearerAuth } from './auth/hook.js';
import type { Authenticator } from './auth/verify.js';
import { installBodyParsers } from './body-parsers.js';
import { clientErrorHandler } from './client-errors.js';
import { frameworkErrorHandler, installErrorHandling } from './errors.js';
import { renderErrorsHtml, renderErrorsMarkdown } from './errors-doc.js';
import { mcpRoutes } from './mcp/routes.js';
import { installOpenApi } from './openapi.js';
import { createOrgGate } from './org-concurrency.js';
import { createRateLimiter, type RateLimits } from './rate-limit.js';
import { authorizationRoutes, authorizePageRoutes } from './routes/authorizations.js';
import { componentRoutes } from './routes/components.js';
import { eventRoutes } from './routes/events.js';
import { formPageRoutes } from './routes/form-page.js';
import { healthRoutes } from './routes/health.js';
import { interactionRoutes } from './routes/interactions.js';
import { linkRoutes, shortLinkRedirectRoutes } from './routes/links.js';
import { logRoutes } from './routes/logs.js';
import { type MetricsSource, metricsRoutes } from './routes/metrics.js';
import { runFileRoutes } from './routes/run-files.js';
import { runRoutes } from './routes/runs.js';
import { type ApiKeyVerifier, syncRoutes } from './routes/sync.js';
import { testNodeRoutes } from './routes/test-node.js';
import { vaultRoutes } from './routes/vault.js';
import { webhookRoutes } from './routes/webhooks.js';
import { workflowRoutes } from './routes/workflows.js';
import type { RunStreamLimits } from './run-events.js';
import { installWebApp } from './web-app.js';

export interface AppDeps {
  publicUrl: string;
  bodyLimitBytes: number;
  version: string;
  authenticator: Authenticator;
  workflows: WorkflowService;
  runs: RunService;
  logs: LogService;
  vault: VaultService;
  authorizations: AuthorizationService;
  events: EventService;
  artifacts: ArtifactService;
  interactions: InteractionService;
  sync: SyncService;
  tester: NodeTester;
  registry: NodeRegistry;
  apiKeys: ApiKeyVerifier | null;
  ready(): Promise<boolean>;
  /** Requests per minute (per principal, per webhook URL, per client address); 0 turns one off. */
  rateLimits?: RateLimits;
  /** Node tests + synchronous calls one organization may run at once; 0 turns the cap off. */
  orgConcurrency?: number;
  logger?: Logger | false;
  /** Live run streams (GET /workflows/runs/{runId}/events): poll interval, keep-alive, per-org cap. */
  runStreams?: Partial<RunStreamLimits>;
  /** Folder of the built web app, served under /ui/; null serves no UI (`serve --no-ui`). */
  webAppDir?: string | null;
  /** Prometheus metrics: HTTP durations recorded, `/metrics` served with `token` (null: 404). */
  metrics?: { source: MetricsSource & RequestObserver; token: string | null } | null;
}

/** Records one answered request (route pattern, not the raw URL). */
export interface RequestObserver {
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void;
}

/** Builds the HTTP app: public routes (health, docs, webhooks) and bearer-authenticated API routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  installPlainValidationMessages();
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: deps.bodyLimitBytes,
    frameworkErrors: frameworkErrorHandler(deps.publicUrl),
    clientErrorHandler: clientErrorHandler(deps.publicUrl),
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  installErrorHandling(app, deps.publicUrl);
  installBodyParsers(app);
  await installOpenApi(app, deps.publicUrl, deps.version);
  const limiter = createRateLimiter(
    deps.rateLimits ?? { perPrincipal: 0, perWebhookToken: 0, perWebhookIp: 0 },
  );

  const observer = deps.metrics?.source;
  if (observer) {
    app.addHook('onResponse', (request, reply, done) => {
      observer.observeRequest(
        request.method,
        request.routeOptions.url ?? '',
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });
  }
  await app.register(healthRoutes, { ready: deps.ready });
  await app.register(metricsRoutes, {
    metrics: deps.metrics?.source ?? null,
    token: deps.metrics?.token ?? null,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/docs/errors.md', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/markdown; charset=utf-8').send(renderErrorsMarkdown()),
  );
  app.get('/errors', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(renderErrorsHtml()),
  );

  const inline = createOrgGate(deps.orgConcurrency ?? 0, 'node tests or synchronous calls');
  if (deps.webAppDir) await installWebApp(app, deps.webAppDir);
  await app.register(webhookRoutes, { runs: deps.runs, limit: limiter.webhook });
  await app.register(syncRoutes, {
    sync: deps.sync,
    authenticator: deps.authenticator,
    apiKeys: deps.apiKeys,
    gate: inline,
    limit: limiter.principal,
  });
  await app.register(shortLinkRedirectRoutes, { artifacts: deps.artifacts });
  await app.register(authorizePageRoutes, {
    authorizations: deps.authorizations,
    authenticator: deps.authenticator,
  });
  await app.register(formPageRoutes, { interactions: deps.interactions });
  await app.register(async (authed) => {
    authed.addHook('onRequest', bearerAuth(deps.authenticator));
    authed.addHook('preHandler', limiter.principal);
    await authed.register(workflowRoutes, { workflows: deps.workflows, publicUrl: deps.publicUrl });
    await authed.register(runRoutes, {
      runs: deps.runs,
      publicUrl: deps.publicUrl,
      registry: deps.registry,
      ...(deps.runStreams ? { runStreams: deps.runStreams } : {}),
    });
    await authed.register(runFileRoutes, { artifacts: deps.artifacts, publicUrl: deps.publicUrl });
    await authed.register(linkRoutes, { artifacts: deps.artifacts, publicUrl: deps.publicUrl });
    await authed.register(logRoutes, { logs: deps.logs, publicUrl: deps.publicUrl });
    await authed.register(vaultRoutes, { vault: deps.vault, publicUrl: deps.publicUrl });
    await authed.register(authorizationRoutes, {
      authorizations: deps.authorizations,
      publicUrl: deps.publicUrl,
    });
    await authed.register(eventRoutes, { events: deps.events });
    await authed.register(interactionRoutes, { interactions: deps.interactions, publicUrl: deps.publicUrl });
    await authed.register(testNodeRoutes, { tester: deps.tester, gate: inline });
    await authed.register(componentRoutes, { registry: deps.registry, publicUrl: deps.publicUrl });
    await authed.register(mcpRoutes, {
      workflows: deps.workflows,
      runs: deps.runs,
      sync: deps.sync,
      version: deps.version,
    });
  });
  return app;
}
