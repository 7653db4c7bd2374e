import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { withMetricsPort } from './metrics-port.js';
import { onShutdownSignal } from './shutdown.js';
import { boundOldGenerationGrowth } from './v8-heap.js';

export function registerWorker(program: Command) {
  program
    .command('worker')
    .description('Run a worker process only (needs DATABASE_URL): claims and executes runs, no HTTP')
    .option('--concurrency <n>', 'runs executed at once (STRATOFLOW_WORKER_CONCURRENCY)', (v) => Number(v))
    .option('--metrics-port <port>', 'serve /metrics on this port (STRATOFLOW_METRICS_PORT)', (v) =>
      Number(v),
    )
    .action(async (opts: { concurrency?: number; metricsPort?: number }) => {
      const config = withMetricsPort(loadConfig(process.env), opts.metricsPort);
      boundOldGenerationGrowth();
      const { startWorkerProcess } = await import('../worker-process.js');
      const processHandle = await startWorkerProcess(config, {
        ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      });
      onShutdownSignal(() => processHandle.stop());
    });
}
