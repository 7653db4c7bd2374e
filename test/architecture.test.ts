import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

/**
 * Imports point one way: api, worker, observability, cli → engine, store, vault, nodes → domain. This test reads every
 * source file's relative imports and fails on any that point the wrong way.
 */
const SRC = resolve(import.meta.dirname, '../src');

/** Layer of a file: its first folder under src/ (files directly in src/ are composition roots). */
function layer(file: string): string {
  const parts = relative(SRC, file).split('/');
  return parts.length > 1 ? (parts[0] as string) : 'root';
}

/** What each layer may import (besides itself). `store/store.ts` and `store/sql/db.ts` are ports. */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  client: [],
  nodes: ['domain'],
  store: ['domain'],
  vault: ['domain', 'store-port', 'engine-port'],
  engine: ['domain', 'nodes', 'store-port'],
  worker: ['domain', 'engine', 'store-port', 'nodes'],
  api: ['domain', 'engine', 'vault', 'store-port', 'nodes'],
  observability: ['domain', 'engine', 'store-port'],
  cli: [
    'client',
    'domain',
    'engine',
    'store',
    'vault',
    'api',
    'worker',
    'root',
    'store-port',
    'engine-port',
    'nodes',
  ],
  root: [
    'domain',
    'engine',
    'store',
    'vault',
    'api',
    'worker',
    'nodes',
    'observability',
    'store-port',
    'engine-port',
    'root',
  ],
};

function target(from: string, spec: string): string {
  const path = resolve(dirname(from), spec).replace(/\.js$/, '.ts');
  if (layer(path) === layer(from)) return layer(path);
  const rel = relative(SRC, path);
  if (rel === 'store/store.ts') return 'store-port';
  if (rel === 'engine/secrets.ts') return 'engine-port';
  return layer(path);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') && !name.startsWith('test-') ? [path] : [];
  });
}

it('source imports respect the layers', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = layer(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)) {
      const to = target(file, match[1] as string);
      if (to === from) continue;
      if (!(ALLOWED[from] ?? []).includes(to))
        violations.push(`${relative(SRC, file)} (${from}) → ${match[1]} (${to})`);
    }
  }
  expect(violations).toEqual([]);
});
