import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort, waitForHealthy } from './helpers/child-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'stratoflow-npm-start-'));
let serverPid = 0;
afterAll(() => {
  // A failed run must not leave the server behind holding its port.
  if (serverPid > 0 && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

it('starts the way the README says (`npm start`), answers /healthz and stops gracefully on SIGTERM', async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const npm = spawn('npm', ['start'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: {
      ...process.env,
      PORT: String(port),
      STRATOFLOW_DATA_DIR: dataDir,
      STRATOFLOW_JWT_SECRET: '',
      STRATOFLOW_JWKS_URL: '',
      DATABASE_URL: '',
      STRATOFLOW_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout.on('data', (d) => {
    output += d;
  });
  npm.stderr.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    npm.on('exit', (code, signal) => resolve({ code, signal })),
  );

  try {
    await waitForHealthy(url, 120_000, npm);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  const firstAnswerMs = Date.now() - started;
  console.log(`npm start → first /healthz answer in ${firstAnswerMs} ms (build included)`);

  // The README's promises: the data folder holds the generated secret and a dev token is printed.
  expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(true);
  const token = /Development token[^\n]*\n\s*(\S+)/.exec(output)?.[1];
  expect(token, output).toBeDefined();
  const list = await fetch(`${url}/workflows`, { headers: { authorization: `Bearer ${token}` } });
  expect(list.status).toBe(200);

  serverPid = Number(readFileSync(join(dataDir, 'serve.lock'), 'utf8'));
  expect(serverPid).toBeGreaterThan(0);
  expect(serverPid).not.toBe(npm.pid);

  // What a container runtime does: SIGTERM to the process it started (npm), and only to it.
  const stopAt = Date.now();
  npm.kill('SIGTERM');
  const exit = await exited;
  // npm forwards the signal to its script shell; when that shell dies of it npm re-raises the signal on
  // itself, so npm ends with SIGTERM unless the server is its direct child. Both are a normal stop.
  expect(exit.code === 0 || exit.signal === 'SIGTERM', JSON.stringify(exit)).toBe(true);

  // The server itself must not linger: it shuts down gracefully (closing the store and releasing the
  // data-folder lock, the last step of a clean close) within a few seconds.
  expect(await waitFor(() => !alive(serverPid), 10_000), `server ${serverPid} still running`).toBe(true);
  const stopMs = Date.now() - stopAt;
  console.log(`SIGTERM → server gone in ${stopMs} ms`);
  expect(existsSync(join(dataDir, 'serve.lock')), 'the lock is released by a graceful close').toBe(false);
  expect(output).toMatch(/SIGTERM received, shutting down/);
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();
}, 150_000);
