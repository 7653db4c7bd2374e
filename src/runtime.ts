import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Clock } from './domain/time.js';
import { createAuthorizationCheck } from './engine/authorization-check.js';
import { createDefinitionCache } from './engine/compiled-definition.js';
import type { ExecutorDeps } from './engine/executor.js';
import { createRunService, type RunDispatcher, type RunService } from './engine/run-service.js';
import type { DelegatedAccessPort, SecretsPort } from './engine/secrets.js';
import { createSubRunPort } from './engine/sub-runs.js';
import { type EngineTelemetry, noTelemetry } from './engine/telemetry.js';
import { createTemplateEngine } from './engine/templates/index.js';
import { createWebhookGuard } from './engine/webhook-guard.js';
import { createHttpClient, type HttpClient, parseCidrList } from './nodes/actions/http/index.js';
import { createOutboundGuard } from './nodes/actions/outbound/guard.js';
import type { PlatformApiSettings } from './nodes/contract.js';
import { builtinNodes, createNodeRegistry, type NodeRegistry } from './nodes/registry.js';
import type { Store } from './store/store.js';

export interface Runtime {
  registry: NodeRegistry;
  runs: RunService;
  executor: ExecutorDeps;
  http: HttpClient;
  /** Set by whoever runs a worker in this process: a run became ready. */
  setWake(wake: () => void): void;
  /** Set by whoever runs a worker in this process: new runs go to it directly. */
  setDispatcher(dispatcher: RunDispatcher): void;
}

/**
 * The engine wired to a store: node registry, executor dependencies and the run service. `options` swap
 * the registry and outbound HTTP (offline runs mock nodes and refuse the network).
 */
export function createRuntime(
  store: Store,
  config: Pick<Config, 'httpAllowedCidrs' | 'limits'> &
    Partial<
      Pick<
        Config,
        | 'publicUrl'
        | 'platformApiUrl'
        | 'platformApiCaFile'
        | 'runFileMaxBytes'
        | 'webhookRedactHeaders'
        | 'quotas'
        | 'services'
      >
    >,
  clock: Clock,
  logger: Logger,
  vault: { secrets?: SecretsPort; delegatedAccess?: DelegatedAccessPort } = {},
  options: { registry?: NodeRegistry; http?: HttpClient; telemetry?: EngineTelemetry } = {},
): Runtime {
  let wake: () => void = () => undefined;
  // Without metrics or export the engine skips its telemetry calls altogether.
  const telemetry = options.telemetry === noTelemetry ? undefined : options.telemetry;
  const registry = options.registry ?? createNodeRegistry(builtinNodes());
  const http = options.http ?? createHttpClient({ allowedCidrs: config.httpAllowedCidrs });
  let dispatcher: RunDispatcher | null = null;
  const definitions = createDefinitionCache((id) => store.getVersion(id), registry);
  const runs = createRunService({
    store,
    clock,
    onRunCreated: () => wake(),
    ...(telemetry ? { telemetry } : {}),
    webhookRedactHeaders: config.webhookRedactHeaders ?? [],
    ...(config.quotas ? { quotas: config.quotas } : {}),
    webhookGuard: createWebhookGuard({
      definitions,
      clock,
      ...(vault.secrets ? { secrets: vault.secrets } : {}),
    }),
    dispatcher: {
      reserve: () => dispatcher?.reserve() ?? null,
      dispatch: (run) => dispatcher?.dispatch(run),
    },
  });
  const executor: ExecutorDeps = {
    store,
    clock,
    templates: createTemplateEngine({ now: () => clock.now() }),
    http,
    net: createOutboundGuard(parseCidrList(config.httpAllowedCidrs)),
    services: config.services ?? { smtpUrl: null, smtpFrom: null, aiBaseUrl: null },
    logger,
    limits: {
      nodeTimeoutMs: config.limits.nodeTimeoutMs,
      maxDelayMs: config.limits.maxDelayMs,
      httpResponseMaxBytes: 10 * 1024 * 1024,
    },
    definitions,
    runTimeoutMs: config.limits.runTimeoutMs,
    subRuns: (run) => createSubRunPort({ store, start: runs.start, maxDepth: 5 }, run),
    onRunReady: () => wake(),
    publicUrl: config.publicUrl ?? '',
    authorizationProblem: createAuthorizationCheck(store),
    artifacts: {
      publicUrl: config.publicUrl ?? '',
      maxFileBytes: config.runFileMaxBytes ?? 10 * 1024 * 1024,
    },
    platform: platformSettings(config.platformApiUrl ?? null, config.platformApiCaFile ?? null),
    ...(vault.secrets ? { secrets: vault.secrets } : {}),
    ...(vault.delegatedAccess ? { delegatedAccess: vault.delegatedAccess } : {}),
    ...(telemetry ? { telemetry } : {}),
  };
  return {
    registry,
    runs,
    executor,
    http,
    setWake(fn) {
      wake = fn;
    },
    setDispatcher(fn) {
      dispatcher = fn;
    },
  };
}

/** The platform API's base URL and, when configured, the extra certificates trusted for it. */
function platformSettings(
  platformApiUrl: string | null,
  platformApiCaFile: string | null,
): PlatformApiSettings {
  if (!platformApiCaFile) return { baseUrl: platformApiUrl };
  return { baseUrl: platformApiUrl, tls: { ca: readFileSync(platformApiCaFile, 'utf8') } };
}
