import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { TEST_SECRET } from './server.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Waits for the process to exit; resolves with its exit code or signal. */
  exited: Promise<number | string | null>;
}

export async function waitForHealthy(url: string, timeoutMs: number, child?: ChildProcess): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child && child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return Date.now() - started;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server at ${url} did not become healthy in ${timeoutMs} ms`);
}

/**
 * Starts `stratoflow serve` from the TypeScript sources (through tsx) as a child process, the way a
 * user runs it, and waits for /healthz.
 */
export async function startChildServer(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
): Promise<ChildServer> {
  const port = await freePort();
  const started = spawnStratoflow(['serve', ...args], {
    PORT: String(port),
    STRATOFLOW_DATA_DIR: dataDir,
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealthy(url, 20_000, started.child);
  return { url, ...started };
}

/** Runs `stratoflow <args>` from the TypeScript sources (through tsx) as a child process. */
export function spawnStratoflow(args: string[], env: NodeJS.ProcessEnv = {}) {
  // Extra Node flags for the child (e.g. `--cpu-prof` when profiling a benchmark).
  const nodeArgs = (process.env.STRATOFLOW_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      STRATOFLOW_JWT_SECRET: TEST_SECRET,
      STRATOFLOW_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, output: () => out, exited };
}

/**
 * The last lines a child printed, on one line with tokens masked: an assertion message that survives a
 * log that keeps only each error's first line (CI's retry report).
 */
export function outputTail(server: Pick<ChildServer, 'output'>, lines = 12): string {
  const tail = server.output().trim().split('\n').slice(-lines).join(' ⏎ ');
  return `output: ${tail.replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, '<token>')}`;
}
