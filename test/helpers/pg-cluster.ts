import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 and a free port (Debian's postgresql package), used by the
 * test global setup (durability off, for speed) and by the benchmarks (durable, as in production).
 */
const run = promisify(execFile);

export function findPostgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

export interface Cluster {
  url: string;
  /** The server log (with `logStatements`, every statement executed). */
  logFile: string;
  stop(): Promise<void>;
}

export async function startThrowawayCluster(
  binDir: string,
  options: { durable?: boolean; logStatements?: boolean } = {},
): Promise<Cluster> {
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
        await pgCtl([
          '-l',
          logFile,
          '-o',
          serverOptions(port, dir, options.durable ?? false, options.logStatements ?? false),
          '-w',
          '-t',
          '60',
          'start',
        ]);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      logFile: join(dir, 'server.log'),
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

/** Test clusters turn durability off for speed; benchmark clusters keep PostgreSQL's defaults. */
function serverOptions(port: number, socketDir: string, durable: boolean, logStatements: boolean): string {
  const fast = ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'];
  return [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    ...(durable ? [] : fast),
    ...(logStatements ? ['-c log_statement=all'] : []),
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
