import type { Command } from 'commander';
import { signToken } from '../api/auth/sign.js';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';
import { onShutdownSignal } from './shutdown.js';

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('Start the API server with its worker (embedded SQLite unless DATABASE_URL is set)')
    .option('--port <port>', 'port to listen on (PORT)', (v) => Number(v))
    .option('--host <host>', 'address to bind (HOST)')
    .option('--data-dir <dir>', 'data folder (STRATOFLOW_DATA_DIR)')
    .option('--no-worker', 'API only: leave runs to `stratoflow worker` processes (PostgreSQL)')
    .action(async (opts: { port?: number; host?: string; dataDir?: string; worker: boolean }) => {
      const config = loadConfig(process.env, {
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      });
      const server = await startServer(config, { worker: opts.worker });
      if (server.jwtSecret && !config.jwtSecret) {
        const token = await signToken(server.jwtSecret, {
          orgId: 'org_default',
          userId: 'usr_admin',
          expiresIn: '30d',
          audience: config.jwtAudience,
          issuer: config.jwtIssuer,
        });
        console.log(`Stratoflow is running at ${server.url}`);
        console.log(`Development token (org_default, 30 days):\n  ${token}`);
        console.log(`More tokens: npx stratoflow token --org ORG --user USER`);
      }
      onShutdownSignal(() => server.close());
      stopWhenOrphaned();
    });
}

/**
 * `npm start` runs us under `sh -c`; npm forwards SIGTERM to that shell only, which dies and leaves us
 * orphaned, still holding the port and the data-folder lock. When our parent goes away we shut down
 * exactly as on SIGTERM.
 */
function stopWhenOrphaned() {
  const parent = process.ppid;
  if (parent <= 1) return;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, 250);
  timer.unref();
}
