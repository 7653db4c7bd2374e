#!/usr/bin/env node
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { installPlainValidationMessages } from '../domain/validation-messages.js';
import { registerEvents } from './events.js';
import { EXIT } from './exit-codes.js';
import { registerLogin } from './login.js';
import { registerLogs } from './logs.js';
import { registerMcp } from './mcp.js';
import { registerMigrate } from './migrate.js';
import { registerRun } from './run.js';
import { registerExecute, registerRuns } from './runs.js';
import { registerServe } from './serve.js';
import { registerTest } from './test-flows.js';
import { registerToken } from './token.js';
import { registerVault } from './vault.js';
import { registerVaultItems } from './vault-items.js';
import { registerWorker } from './worker.js';
import { registerWorkflows } from './workflows.js';

/** The package's version, without loading the server (dist/cli/main.js and src/cli/main.ts alike). */
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

installPlainValidationMessages();
const program = new Command();
program
  .name('stratoflow')
  .description('Self-hosted workflow engine speaking the Altostrat Workflows API')
  .version(version)
  // Usage errors exit 2 (README "From the terminal"); commander's default is 1.
  .exitOverride();
registerServe(program);
registerToken(program);
registerWorker(program);
registerMigrate(program);
registerVaultItems(registerVault(program));
registerLogin(program);
registerWorkflows(program);
registerExecute(program);
registerRuns(program);
registerLogs(program);
registerEvents(program);
registerRun(program);
registerTest(program);
registerMcp(program, version);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    process.exit(done ? EXIT.ok : EXIT.usage);
  }
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
