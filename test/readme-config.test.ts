import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseByteSize } from '../src/config.js';

const root = new URL('..', import.meta.url).pathname;

/** The README's configuration table: variable → default column. */
function readmeTable(): Map<string, string> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('## Configuration')[1]?.split('\n## ')[0] ?? '';
  const rows = new Map<string, string>();
  for (const match of section.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]*) \|/gm)) {
    rows.set(match[1] as string, (match[2] as string).trim());
  }
  return rows;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every environment variable the program reads (`env.X`, `process.env.X`, `env['X']`). */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)|\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]/g)) {
      names.add((m[1] ?? m[2]) as string);
    }
  }
  return names;
}

describe('the README configuration table', () => {
  it('lists exactly the variables the program reads', () => {
    const documented = [...readmeTable().keys()].sort();
    expect(documented.length).toBeGreaterThan(10);
    expect(documented).toEqual([...variablesRead()].sort());
  });

  it('states the defaults loadConfig applies', () => {
    const table = readmeTable();
    const config = loadConfig({});
    const expectDefault = (name: string, value: string) => expect(table.get(name), name).toBe(value);
    expectDefault('PORT', `\`${config.port}\``);
    expectDefault('HOST', `\`${config.host}\``);
    expect(config.dataDir).toBe(join(process.cwd(), '.stratoflow'));
    expectDefault('STRATOFLOW_DATA_DIR', '`./.stratoflow`');
    expect(config.publicUrl).toBe(`http://${config.host}:${config.port}`);
    expect(config.bodyLimitBytes).toBe(
      parseByteSize(table.get('STRATOFLOW_BODY_LIMIT')?.replace(/`/g, ''), 0, 'x'),
    );
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
    expectDefault('STRATOFLOW_PG_POOL_SIZE', `\`${config.pgPoolSize}\``);
    expectDefault('STRATOFLOW_RUN_TIMEOUT_MS', `\`${config.limits.runTimeoutMs}\``);
    expectDefault('STRATOFLOW_NODE_TIMEOUT_MS', `\`${config.limits.nodeTimeoutMs}\``);
    expectDefault('STRATOFLOW_MAX_DELAY_MS', `\`${config.limits.maxDelayMs}\``);
    expectDefault('STRATOFLOW_LEASE_MS', `\`${config.limits.leaseMs}\``);
    expectDefault('STRATOFLOW_WORKER_CONCURRENCY', `\`${config.limits.workerConcurrency}\``);
    expectDefault('STRATOFLOW_LOG_LEVEL', `\`${config.logLevel}\``);
    expectDefault('STRATOFLOW_RETENTION_DAYS', `\`${config.retentionMs / 86_400_000}\``);
    expect(config.jwtSecret).toBeNull();
    expect(config.jwksUrl).toBeNull();
    expect(config.databaseUrl).toBeNull();
  });

  it('reads each variable as documented', () => {
    const config = loadConfig({
      PORT: '9090',
      HOST: '0.0.0.0',
      STRATOFLOW_DATA_DIR: '/var/lib/stratoflow',
      STRATOFLOW_PUBLIC_URL: 'https://flows.example.com/',
      STRATOFLOW_JWT_SECRET: 'a-secret-of-at-least-thirty-two-bytes',
      STRATOFLOW_JWT_AUDIENCE: 'stratoflow',
      STRATOFLOW_JWT_ISSUER: 'https://idp.example.com/',
      STRATOFLOW_JWKS_URL: 'https://idp.example.com/jwks.json',
      STRATOFLOW_BODY_LIMIT: '512kb',
      STRATOFLOW_LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 9090,
      host: '0.0.0.0',
      dataDir: '/var/lib/stratoflow',
      publicUrl: 'https://flows.example.com',
      jwtSecret: 'a-secret-of-at-least-thirty-two-bytes',
      jwtAudience: 'stratoflow',
      jwtIssuer: 'https://idp.example.com/',
      jwksUrl: 'https://idp.example.com/jwks.json',
      bodyLimitBytes: 512 * 1024,
      logLevel: 'debug',
    });
    expect(parseByteSize('1048576', 0, 'x')).toBe(1048576);
    expect(parseByteSize('1mb', 0, 'x')).toBe(1048576);
    expect(() => loadConfig({ STRATOFLOW_BODY_LIMIT: 'lots' })).toThrow(/STRATOFLOW_BODY_LIMIT/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    // A short HS256 secret can be brute-forced from one token: the server refuses to start with it.
    expect(() => loadConfig({ STRATOFLOW_JWT_SECRET: 'x'.repeat(31) })).toThrow(/at least 32 bytes/);
    expect(loadConfig({ STRATOFLOW_JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toHaveLength(32);
  });
});
