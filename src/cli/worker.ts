import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { onShutdownSignal } from './shutdown.js';

export function registerWorker(program: Command) {
  program
    .command('worker')
    .description('Run a worker process only (needs DATABASE_URL): claims and executes runs, no HTTP')
    .option('--concurrency <n>', 'runs executed at once (STRATOFLOW_WORKER_CONCURRENCY)', (v) => Number(v))
    .action(async (opts: { concurrency?: number }) => {
      const config = loadConfig(process.env);
      const { startWorkerProcess } = await import('../worker-process.js');
      const processHandle = await startWorkerProcess(config, {
        ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      });
      onShutdownSignal(() => processHandle.stop());
    });
}
