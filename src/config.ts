import { isAbsolute, resolve } from 'node:path';
import type { OrgQuotas } from './engine/quotas.js';
import type { ObservabilitySettings } from './observability/settings.js';

/**
 * Configuration from the environment (README has the table). Each variable has a CLI flag twin; flags
 * win. Defaults make `stratoflow serve` work with zero configuration on one machine.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  jwtSecret: string | null;
  jwksUrl: string | null;
  /** When set, tokens must carry this `aud` (and `stratoflow token` adds it). */
  jwtAudience: string | null;
  /** When set, tokens must carry this `iss` (and `stratoflow token` adds it). */
  jwtIssuer: string | null;
  bodyLimitBytes: number;
  databaseUrl: string | null;
  pgPoolSize: number;
  masterKey: string | null;
  httpAllowedCidrs: string;
  /** Defaults of the integration nodes (smtp, send_notification, ai_text_transform). */
  services: ServiceSettings;
  /** Base URL of the Altostrat platform API the `altostrat_api` nodes call (null: not configured). */
  platformApiUrl: string | null;
  /** A PEM file of certificates trusted for the platform API besides the public roots. */
  platformApiCaFile: string | null;
  /** Largest file a node may store with its run (a rendered PDF), in bytes. */
  runFileMaxBytes: number;
  /** Requests per minute per verified principal, org + user (0 = no limit). */
  rateLimitPerMinute: number;
  /** Webhook deliveries per minute per webhook URL (0 = no limit). */
  webhookRateLimitPerMinute: number;
  /** Webhook deliveries per minute per client address (0 = no limit). */
  webhookIpRateLimitPerMinute: number;
  /** Node tests and synchronous calls one organization may have running at once (0 = no limit). */
  orgConcurrency: number;
  /** Per-organization quotas (0 = none). */
  quotas: OrgQuotas;
  /** SQLite durability: `normal` (survives process crashes) or `full` (also power loss). */
  sqliteSynchronous: 'normal' | 'full';
  /** Where SQLite's WAL checkpoints run: `auto`, `thread` or `inline` (store/sqlite/checkpointer.ts). */
  sqliteCheckpoint: 'auto' | 'thread' | 'inline';
  /**
   * Finished runs (with their logs, files and forms) are deleted this long after they ended, in small
   * background batches (0 = keep forever). `STRATOFLOW_RETENTION_DAYS`, or for tests
   * `STRATOFLOW_RETENTION_SECONDS`.
   */
  retentionMs: number;
  /** Extra webhook request headers stored redacted (besides authorization, cookie, x-api-key...). */
  webhookRedactHeaders: string[];
  limits: EngineLimits;
  logLevel: string;
  /** Prometheus metrics and OpenTelemetry export (docs/operations.md). */
  observability: ObservabilitySettings;
  /** `json` (one JSON object a line, for collectors) or `pretty` (coloured lines for humans on a TTY). */
  logFormat: 'json' | 'pretty';
}

/** Shortest accepted metrics token, in bytes. */
export const MIN_METRICS_TOKEN_BYTES = 16;

function observabilitySettings(env: NodeJS.ProcessEnv): ObservabilitySettings {
  const token = env.STRATOFLOW_METRICS_TOKEN || null;
  if (token !== null && Buffer.byteLength(token, 'utf8') < MIN_METRICS_TOKEN_BYTES) {
    throw new Error(
      `STRATOFLOW_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_BYTES} bytes long; generate one with \`openssl rand -hex 24\`.`,
    );
  }
  const port = env.STRATOFLOW_METRICS_PORT;
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || null;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '') || null;
  return {
    metricsToken: token,
    metricsPort: port === undefined || port === '' ? null : int(port, 0, 'STRATOFLOW_METRICS_PORT'),
    metricsHost: env.STRATOFLOW_METRICS_HOST || '127.0.0.1',
    otlpTracesUrl: tracesUrl ?? (base ? `${base}/v1/traces` : null),
    serviceName: env.OTEL_SERVICE_NAME || 'stratoflow',
  };
}

export interface ServiceSettings {
  smtpUrl: string | null;
  smtpFrom: string | null;
  aiBaseUrl: string | null;
}

export interface EngineLimits {
  runTimeoutMs: number;
  nodeTimeoutMs: number;
  maxDelayMs: number;
  leaseMs: number;
  syncTimeoutMs: number;
  workerConcurrency: number;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

const DAY_MS = 86_400_000;

/** `STRATOFLOW_RETENTION_SECONDS` (for tests) wins over `STRATOFLOW_RETENTION_DAYS` (default 90). */
function retentionMs(env: NodeJS.ProcessEnv): number {
  const seconds = env.STRATOFLOW_RETENTION_SECONDS;
  if (seconds !== undefined && seconds !== '') return int(seconds, 0, 'STRATOFLOW_RETENTION_SECONDS') * 1000;
  return int(env.STRATOFLOW_RETENTION_DAYS, 90, 'STRATOFLOW_RETENTION_DAYS') * DAY_MS;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const n = int(value, fallback, name);
  if (n < 1) throw new Error(`${name} must be at least 1, got "${value}"`);
  return n;
}

/** Parses sizes like `1048576`, `512kb`, `1mb`. */
export function parseByteSize(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const match = /^(\d+)\s*(b|kb|kib|mb|mib)?$/i.exec(value.trim());
  if (!match) throw new Error(`${name} must be a size like 1048576, 512kb or 1mb, got "${value}"`);
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  return Number(match[1]) * factor;
}

/** Shortest accepted HS256 secret, in bytes (RFC 7518 §3.2: at least the hash output size). */
export const MIN_JWT_SECRET_BYTES = 32;

/** A short HS256 secret can be brute-forced from any one token: refuse to start with it. */
function checkedJwtSecret(secret: string | null): string | null {
  if (secret !== null && Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    throw new Error(
      `STRATOFLOW_JWT_SECRET must be at least ${MIN_JWT_SECRET_BYTES} bytes long (it has ${Buffer.byteLength(secret, 'utf8')}); generate one with \`openssl rand -base64 48\`.`,
    );
  }
  return secret;
}

/** One of `choices` (case and surrounding spaces ignored), `fallback` when unset; else a clear error. */
function choice<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  const picked = (value ?? '').trim().toLowerCase() || fallback;
  if (!(choices as readonly string[]).includes(picked)) {
    const listed = `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
    throw new Error(`${name} must be ${listed}, got "${value}"`);
  }
  return picked as T;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = overrides.port ?? int(env.PORT, 8080, 'PORT');
  const host = overrides.host ?? env.HOST ?? '127.0.0.1';
  const dataDirRaw = overrides.dataDir ?? env.STRATOFLOW_DATA_DIR ?? './.stratoflow';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(process.cwd(), dataDirRaw);
  const publicUrl = (overrides.publicUrl ?? env.STRATOFLOW_PUBLIC_URL ?? `http://${host}:${port}`).replace(
    /\/+$/,
    '',
  );
  return {
    port,
    host,
    dataDir,
    publicUrl,
    jwtSecret: checkedJwtSecret(overrides.jwtSecret ?? (env.STRATOFLOW_JWT_SECRET || null)),
    jwksUrl: overrides.jwksUrl ?? (env.STRATOFLOW_JWKS_URL || null),
    jwtAudience: overrides.jwtAudience ?? (env.STRATOFLOW_JWT_AUDIENCE || null),
    jwtIssuer: overrides.jwtIssuer ?? (env.STRATOFLOW_JWT_ISSUER || null),
    bodyLimitBytes:
      overrides.bodyLimitBytes ??
      parseByteSize(env.STRATOFLOW_BODY_LIMIT, 1024 * 1024, 'STRATOFLOW_BODY_LIMIT'),
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || null),
    pgPoolSize: overrides.pgPoolSize ?? positive(env.STRATOFLOW_PG_POOL_SIZE, 10, 'STRATOFLOW_PG_POOL_SIZE'),
    masterKey: overrides.masterKey ?? (env.STRATOFLOW_MASTER_KEY || null),
    httpAllowedCidrs: overrides.httpAllowedCidrs ?? env.STRATOFLOW_HTTP_ALLOWED_CIDRS ?? '',
    services: overrides.services ?? {
      smtpUrl: env.STRATOFLOW_SMTP_URL || null,
      smtpFrom: env.STRATOFLOW_SMTP_FROM || null,
      aiBaseUrl: env.STRATOFLOW_AI_BASE_URL || null,
    },
    platformApiUrl:
      overrides.platformApiUrl ?? (env.STRATOFLOW_PLATFORM_API_URL?.replace(/\/+$/, '') || null),
    platformApiCaFile: overrides.platformApiCaFile ?? (env.STRATOFLOW_PLATFORM_API_CA_FILE || null),
    runFileMaxBytes:
      overrides.runFileMaxBytes ??
      parseByteSize(env.STRATOFLOW_RUN_FILE_LIMIT, 10 * 1024 * 1024, 'STRATOFLOW_RUN_FILE_LIMIT'),
    rateLimitPerMinute:
      overrides.rateLimitPerMinute ?? int(env.STRATOFLOW_RATE_LIMIT, 1200, 'STRATOFLOW_RATE_LIMIT'),
    webhookRateLimitPerMinute:
      overrides.webhookRateLimitPerMinute ??
      int(env.STRATOFLOW_WEBHOOK_RATE_LIMIT, 6000, 'STRATOFLOW_WEBHOOK_RATE_LIMIT'),
    webhookIpRateLimitPerMinute:
      overrides.webhookIpRateLimitPerMinute ??
      int(env.STRATOFLOW_WEBHOOK_IP_RATE_LIMIT, 12000, 'STRATOFLOW_WEBHOOK_IP_RATE_LIMIT'),
    webhookRedactHeaders:
      overrides.webhookRedactHeaders ??
      (env.STRATOFLOW_WEBHOOK_REDACT_HEADERS ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== ''),
    quotas: overrides.quotas ?? {
      workflows: int(env.STRATOFLOW_QUOTA_WORKFLOWS, 0, 'STRATOFLOW_QUOTA_WORKFLOWS'),
      activeSchedules: int(env.STRATOFLOW_QUOTA_ACTIVE_SCHEDULES, 0, 'STRATOFLOW_QUOTA_ACTIVE_SCHEDULES'),
      runsInFlight: int(env.STRATOFLOW_QUOTA_RUNS_IN_FLIGHT, 0, 'STRATOFLOW_QUOTA_RUNS_IN_FLIGHT'),
      minScheduleIntervalSeconds: int(
        env.STRATOFLOW_MIN_SCHEDULE_INTERVAL_SECONDS,
        0,
        'STRATOFLOW_MIN_SCHEDULE_INTERVAL_SECONDS',
      ),
    },
    sqliteSynchronous:
      overrides.sqliteSynchronous ??
      choice(
        'STRATOFLOW_SQLITE_SYNCHRONOUS',
        env.STRATOFLOW_SQLITE_SYNCHRONOUS,
        ['normal', 'full'],
        'normal',
      ),
    sqliteCheckpoint:
      overrides.sqliteCheckpoint ??
      choice(
        'STRATOFLOW_SQLITE_CHECKPOINT',
        env.STRATOFLOW_SQLITE_CHECKPOINT,
        ['auto', 'thread', 'inline'],
        'auto',
      ),
    retentionMs: overrides.retentionMs ?? retentionMs(env),
    orgConcurrency:
      overrides.orgConcurrency ?? int(env.STRATOFLOW_ORG_CONCURRENCY, 8, 'STRATOFLOW_ORG_CONCURRENCY'),
    logLevel: overrides.logLevel ?? env.STRATOFLOW_LOG_LEVEL ?? 'info',
    observability: overrides.observability ?? observabilitySettings(env),
    logFormat:
      overrides.logFormat ??
      choice('STRATOFLOW_LOG_FORMAT', env.STRATOFLOW_LOG_FORMAT, ['json', 'pretty'], 'json'),
    limits: {
      runTimeoutMs: int(env.STRATOFLOW_RUN_TIMEOUT_MS, 60 * 60 * 1000, 'STRATOFLOW_RUN_TIMEOUT_MS'),
      nodeTimeoutMs: int(env.STRATOFLOW_NODE_TIMEOUT_MS, 5 * 60 * 1000, 'STRATOFLOW_NODE_TIMEOUT_MS'),
      maxDelayMs: int(env.STRATOFLOW_MAX_DELAY_MS, 15 * 60 * 1000, 'STRATOFLOW_MAX_DELAY_MS'),
      leaseMs: int(env.STRATOFLOW_LEASE_MS, 30_000, 'STRATOFLOW_LEASE_MS'),
      syncTimeoutMs: int(env.STRATOFLOW_SYNC_TIMEOUT_MS, 30_000, 'STRATOFLOW_SYNC_TIMEOUT_MS'),
      workerConcurrency: int(env.STRATOFLOW_WORKER_CONCURRENCY, 64, 'STRATOFLOW_WORKER_CONCURRENCY'),
      ...overrides.limits,
    },
  };
}
