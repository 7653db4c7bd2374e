import { isAbsolute, resolve } from 'node:path';

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
  /** Requests per minute per bearer token (0 = no limit). */
  rateLimitPerMinute: number;
  limits: EngineLimits;
  logLevel: string;
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
    jwtSecret: overrides.jwtSecret ?? (env.STRATOFLOW_JWT_SECRET || null),
    jwksUrl: overrides.jwksUrl ?? (env.STRATOFLOW_JWKS_URL || null),
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
      overrides.rateLimitPerMinute ?? int(env.STRATOFLOW_RATE_LIMIT, 0, 'STRATOFLOW_RATE_LIMIT'),
    logLevel: overrides.logLevel ?? env.STRATOFLOW_LOG_LEVEL ?? 'info',
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
