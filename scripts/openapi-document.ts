/** Builds the server in-process on a throwaway data folder and returns its OpenAPI document. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stratoflow-openapi-'));
  const config = loadConfig(
    { STRATOFLOW_JWT_SECRET: 'openapi-document-generation-secret-0123456789' },
    { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', publicUrl: 'http://127.0.0.1:8080' },
  );
  const server = await startServer(config, { logger: pino({ level: 'silent' }), worker: false });
  try {
    const res = await server.app.inject({ method: 'GET', url: '/openapi.json' });
    return res.json() as Record<string, unknown>;
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
