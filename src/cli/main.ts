#!/usr/bin/env node
import { Command } from 'commander';
import { VERSION } from '../server.js';
import { registerMigrate } from './migrate.js';
import { registerServe } from './serve.js';
import { registerToken } from './token.js';
import { registerVault } from './vault.js';
import { registerWorker } from './worker.js';

const program = new Command();
program
  .name('stratoflow')
  .description('Self-hosted workflow engine speaking the Altostrat Workflows API')
  .version(VERSION);
registerServe(program);
registerToken(program);
registerWorker(program);
registerMigrate(program);
registerVault(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
