/**
 * n8n for the peers benchmark: installed once into the ignored cache folder bench/.peers/n8n (its own
 * package.json, never Stratoflow's), then started per configuration in a temporary user folder with the
 * benchmark's workflows imported and activated through n8n's own CLI.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../../test/helpers/child-server.js';
import { removeTempDir, sleep, tempDir } from '../lib.js';
import { checkOnce, type Target } from './load.js';
import { n8nWebhookPath, n8nWorkflow } from './n8n-workflows.js';
import type { SyncWorkload } from './workloads.js';

const run = promisify(execFile);

export const N8N_VERSION = '1.123.81';
const CACHE = fileURLToPath(new URL('../.peers/n8n/', import.meta.url));
const BIN = join(CACHE, 'node_modules/n8n/bin/n8n');
/** Written only after npm finished without error: a half-done install is redone. */
const MARKER = join(CACHE, `.installed-${N8N_VERSION}`);

/** Node 20 needs these two pinned for n8n's native builds to succeed. */
const PACKAGE_JSON = {
  name: 'stratoflow-bench-peers-n8n',
  private: true,
  description: 'Cache folder for the peers benchmark (npm run bench:peers); not part of Stratoflow.',
  dependencies: { n8n: N8N_VERSION },
  overrides: { xlsx: '0.18.5', 'isolated-vm': '5.0.4' },
};

export interface N8nVariant {
  key: string;
  label: string;
  env: Record<string, string>;
}

/** The fastest configuration first (legacy expression engine), then n8n's default engine for the record. */
export const N8N_VARIANTS: N8nVariant[] = [
  {
    key: 'n8n-legacy',
    label: `n8n ${N8N_VERSION} (legacy expressions)`,
    env: { N8N_EXPRESSION_ENGINE: 'legacy' },
  },
  { key: 'n8n-default', label: `n8n ${N8N_VERSION} (default expressions)`, env: {} },
];

/** Both configurations: SQLite with a pool of 4 (WAL), no telemetry or update checks, 16 MB bodies. */
const COMMON_ENV: Record<string, string> = {
  DB_TYPE: 'sqlite',
  DB_SQLITE_POOL_SIZE: '4',
  N8N_PAYLOAD_SIZE_MAX: '16',
  N8N_LOG_LEVEL: 'warn',
  N8N_DIAGNOSTICS_ENABLED: 'false',
  N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
  N8N_TEMPLATES_ENABLED: 'false',
};

function installedVersion(): string | null {
  try {
    return JSON.parse(readFileSync(join(CACHE, 'node_modules/n8n/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Installs n8n into the cache folder unless that version is already there. */
export async function ensureN8n(say: (line: string) => void): Promise<void> {
  if (existsSync(MARKER) && existsSync(BIN) && installedVersion() === N8N_VERSION) return;
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), `${JSON.stringify(PACKAGE_JSON, null, 2)}\n`);
  say(`Installing n8n ${N8N_VERSION} into ${CACHE} (several minutes of native builds, once)`);
  const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: CACHE,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0 || installedVersion() !== N8N_VERSION)
    throw new Error(`installing n8n failed (npm exit ${code})`);
  writeFileSync(MARKER, `${new Date().toISOString()}\n`);
}

export interface N8nServer {
  pid: number;
  targets: Record<string, Target>;
  settings: string[];
  stop(): Promise<void>;
}

async function waitFor(url: string, timeoutMs: number, child: ChildProcess, log: string): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}; see ${log}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await sleep(250);
  }
  throw new Error(`n8n at ${url} was not ready in ${timeoutMs} ms; see ${log}`);
}

/** A webhook answers only once n8n has registered it: retry the check until it passes. */
async function waitForWebhook(target: Target, workload: SyncWorkload, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      return await checkOnce(target, workload.body, workload.expected);
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await sleep(500);
    }
  }
}

export async function startN8n(
  variant: N8nVariant,
  workloads: readonly SyncWorkload[],
  say: (line: string) => void,
): Promise<N8nServer> {
  const userFolder = tempDir('stratoflow-bench-n8n-');
  const workflowDir = join(userFolder, 'import');
  mkdirSync(workflowDir);
  for (const w of workloads) {
    writeFileSync(join(workflowDir, `${w.id}.json`), JSON.stringify(n8nWorkflow(w.id)));
  }
  const port = await freePort();
  const settings = { ...COMMON_ENV, ...variant.env };
  const env = {
    ...process.env,
    ...settings,
    N8N_USER_FOLDER: userFolder,
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
  };
  const cli = (...args: string[]) => run(process.execPath, [BIN, ...args], { env, maxBuffer: 16 * 2 ** 20 });
  await cli('import:workflow', '--separate', `--input=${workflowDir}`);
  await cli('update:workflow', '--all', '--active=true');

  // Outside the user folder, which is deleted when n8n stops: the log of the latest start stays.
  const log = fileURLToPath(new URL('../.peers/n8n.log', import.meta.url));
  const out = openSync(log, 'w');
  // Its own process group, so stopping it also stops the task runners it started.
  const child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', out, out], detached: true });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz/readiness`, 120_000, child, log);
  const targets: Record<string, Target> = {};
  for (const w of workloads) {
    targets[w.id] = { url: `${url}/webhook/${n8nWebhookPath(w.id)}`, headers: {} };
    await waitForWebhook(targets[w.id]!, w, 60_000);
  }
  say(`  n8n ready at ${url} (log: ${log})`);
  return {
    pid: child.pid!,
    targets,
    settings: Object.entries(settings).map(([k, v]) => `${k}=${v}`),
    async stop() {
      const gone = new Promise<void>((resolve) =>
        child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
      );
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, name);
        } catch {} // the group is already gone
      };
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
      removeTempDir(userFolder);
    },
  };
}
