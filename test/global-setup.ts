import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

/**
 * Makes a PostgreSQL server available to the suites (see test/helpers/postgres.ts):
 * - `STRATOFLOW_TEST_PG_URL` set: use that server (its user must be allowed to CREATE DATABASE);
 * - else, Debian's postgresql installed: start a throwaway cluster on 127.0.0.1 and a free port, stop and
 *   delete it after the run;
 * - else: fail in CI (the Postgres suites must run there), skip the Postgres suites elsewhere.
 * The URL reaches the test workers through vitest's `provide`/`inject` (`stratoflowPgUrl`).
 */
const run = promisify(execFile);

export default async function setup(project: TestProject) {
  const given = process.env.STRATOFLOW_TEST_PG_URL;
  if (given) {
    project.provide('stratoflowPgUrl', given);
    return;
  }
  const binDir = findPostgresBinDir();
  if (!binDir) {
    const why = 'no STRATOFLOW_TEST_PG_URL and no /usr/lib/postgresql/*/bin/initdb';
    if (process.env.CI) {
      throw new Error(`PostgreSQL suites must run in CI, but ${why}: apt-get install -y postgresql`);
    }
    console.warn(`\n[stratoflow] PostgreSQL suites SKIPPED: ${why}. Install postgresql to run them.\n`);
    project.provide('stratoflowPgUrl', null);
    return;
  }
  const cluster = await startThrowawayCluster(binDir);
  project.provide('stratoflowPgUrl', cluster.url);
  return () => cluster.stop();
}

function findPostgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

interface Cluster {
  url: string;
  stop(): Promise<void>;
}

async function startThrowawayCluster(binDir: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'stratoflow-pg-'));
  const dataDir = join(dir, 'data');
  // initdb and postgres refuse to run as root: run them as the postgres user, in a folder it owns.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const command = (bin: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(binDir, bin), ...args]] : [join(binDir, bin), args];
  const pgCtl = (args: string[]) => run(...command('pg_ctl', ['-D', dataDir, ...args]));
  const stopSync = () => {
    try {
      execFileSync(...command('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']), {
        stdio: 'ignore',
      });
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  // A crashed or interrupted run must not leave a server behind.
  process.once('exit', stopSync);

  try {
    const initdbArgs = ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8'];
    await run(...command('initdb', [...initdbArgs, '--no-sync']));
    // The free port may be taken before the server binds it (other runs share the machine): retry.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        const logFile = join(dir, 'server.log');
        await pgCtl(['-l', logFile, '-o', serverOptions(port, dir), '-w', '-t', '60', 'start']);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        process.removeListener('exit', stopSync);
        await pgCtl(['-m', 'fast', '-w', 'stop']).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw error;
  }
}

/** A test cluster: durability off for speed, room for many parallel pools. */
function serverOptions(port: number, socketDir: string): string {
  return [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}
