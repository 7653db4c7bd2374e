import type { Command } from 'commander';
import { signToken } from '../api/auth/sign.js';
import { loadConfig } from '../config.js';
import { withMetricsPort } from './metrics-port.js';
import { onShutdownSignal } from './shutdown.js';
import { boundOldGenerationGrowth, holdYoungGeneration, releaseYoungGeneration } from './v8-heap.js';

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('Start the API server with its worker (embedded SQLite unless DATABASE_URL is set)')
    .option('--port <port>', 'port to listen on (PORT)', (v) => Number(v))
    .option('--host <host>', 'address to bind (HOST)')
    .option('--data-dir <dir>', 'data folder (STRATOFLOW_DATA_DIR)')
    .option('--no-worker', 'API only: leave runs to `stratoflow worker` processes (PostgreSQL)')
    .option('--no-ui', 'do not serve the web app under /ui/')
    .option('--metrics-port <port>', 'serve /metrics on this port too (STRATOFLOW_METRICS_PORT)', (v) =>
      Number(v),
    )
    .action(
      async (opts: {
        port?: number;
        host?: string;
        dataDir?: string;
        worker: boolean;
        ui: boolean;
        metricsPort?: number;
      }) => {
        const config = withMetricsPort(
          loadConfig(process.env, {
            ...(opts.port !== undefined ? { port: opts.port } : {}),
            ...(opts.host ? { host: opts.host } : {}),
            ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
          }),
          opts.metricsPort,
        );
        holdYoungGeneration();
        boundOldGenerationGrowth();
        // Loaded on use: the client commands start without the server's modules.
        const { startServer } = await import('../server.js');
        const server = await startServer(config, { worker: opts.worker, ui: opts.ui });
        releaseYoungGeneration();
        console.log(`Stratoflow is running at ${config.publicUrl} (API docs: ${config.publicUrl}/docs)`);
        if (server.jwtSecret && !config.jwtSecret) {
          const token = await signToken(server.jwtSecret, {
            orgId: 'org_default',
            userId: 'usr_admin',
            expiresIn: '30d',
            audience: config.jwtAudience,
            issuer: config.jwtIssuer,
          });
          // The token rides in the fragment: browsers never send it to a server or write it to a log.
          if (opts.ui)
            console.log(
              `Open the web app (signed in as usr_admin, org_default):\n  ${config.publicUrl}/ui/#token=${token}`,
            );
          console.log(`Development token (org_default, 30 days):\n  ${token}`);
          console.log(`More tokens: npx stratoflow token --org ORG --user USER`);
        } else if (opts.ui) {
          console.log(`Web app: ${config.publicUrl}/ui/ (sign in with a token from your identity provider)`);
        }
        onShutdownSignal(() => server.close());
        stopWhenOrphaned();
      },
    );
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
