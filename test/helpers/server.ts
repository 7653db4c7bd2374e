import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { signToken } from '../../src/api/auth/sign.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type RunningServer, type ServerOptions, startServer } from '../../src/server.js';

/** Tests use a fixed public URL; webhook calls go to the server's real address with the same path. */
export const PUBLIC_URL = 'https://flows.example.test';

export const TEST_SECRET = 'test-secret-for-stratoflow-suites-0123456789';

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  token(org?: string, user?: string): Promise<string>;
  /** JSON request with a bearer token for `org` (default org_a); `token: null` sends none. */
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  org?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
  body: any;
  headers: Headers;
  text: string;
}

export async function startTestServer(
  overrides: Partial<Config> = {},
  env: NodeJS.ProcessEnv = {},
  options: Pick<ServerOptions, 'clock' | 'worker' | 'logger' | 'runStreams' | 'retentionIntervalMs'> = {},
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'stratoflow-test-'));
  const config = loadConfig(
    { STRATOFLOW_JWT_SECRET: TEST_SECRET, ...env },
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      logLevel: 'silent',
      publicUrl: PUBLIC_URL,
      // Suites fire thousands of requests a minute from one token; the limits have their own tests.
      rateLimitPerMinute: 0,
      webhookRateLimitPerMinute: 0,
      webhookIpRateLimitPerMinute: 0,
      ...overrides,
    },
  );
  const server = await startServer(config, { logger: pino({ level: 'silent' }), ...options });
  const url = server.url;
  const token = (org = 'org_a', user = 'usr_test') =>
    signToken(TEST_SECRET, { orgId: org, userId: user, expiresIn: '1h' });
  return {
    server,
    url,
    dataDir,
    token,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const bearer = options.token === undefined ? await token(options.org ?? 'org_a') : options.token;
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      let body: string | undefined;
      if (options.rawBody !== undefined) body = options.rawBody;
      else if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const response = await fetch(`${url}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {}
      return { status: response.status, body: parsed, headers: response.headers, text };
    },
    async close() {
      await server.close();
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
