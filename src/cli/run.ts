import type { Command } from 'commander';
import { presentLog, presentRun } from '../api/present.js';
import { StratoflowError } from '../domain/errors.js';
import { CliError, EXIT, usageError } from './exit-codes.js';
import { jsonObjectArg, readJsonFile } from './json-input.js';
import { printJson } from './output.js';
import { reportError } from './remote.js';
import { finalLine, logLine } from './run-watch.js';
import { readFlowFile } from './workflow-file.js';

/** `--mock n3=@reply.json` or `--mock n3='{"status":200}'`, repeatable. */
function collectMock(value: string, previous: Record<string, unknown>): Record<string, unknown> {
  const at = value.indexOf('=');
  if (at < 1) throw usageError(`--mock takes NODE=@file.json or NODE=JSON (got '${value}').`);
  const nodeId = value.slice(0, at);
  const source = value.slice(at + 1);
  let output: unknown;
  if (source.startsWith('@')) output = readJsonFile(source.slice(1), `--mock ${nodeId} file`);
  else {
    try {
      output = JSON.parse(source);
    } catch {
      throw usageError(`--mock ${nodeId}: not valid JSON (use @file.json for a file).`);
    }
  }
  return { ...previous, [nodeId]: output };
}

interface RunFlags {
  context?: string;
  mock: Record<string, unknown>;
  allowNetwork?: boolean;
  json?: boolean;
}

/** `stratoflow run FILE`: executes a workflow file in this process, no server, and prints each node. */
export function registerRun(program: Command) {
  program
    .command('run <file>')
    .description('Execute a workflow file in-process on a temporary store (no server); prints every node')
    .option('--context <json>', 'trigger payload: a JSON object, or @file.json')
    .option(
      '--mock <node=output>',
      "a node's output instead of running it: NODE=@file.json or NODE=JSON (repeatable)",
      collectMock,
      {},
    )
    .option('--allow-network', 'let unmocked outbound nodes (webhook...) really run')
    .option('--json', 'print the run with its logs as JSON')
    .action(async (file: string, flags: RunFlags) => {
      try {
        const flow = readFlowFile(file);
        const context = jsonObjectArg(flags.context, '--context');
        const known = new Set(flow.nodes.map((n) => n.id));
        for (const id of Object.keys(flags.mock))
          if (!known.has(id)) throw usageError(`--mock ${id}: the workflow has no node '${id}'.`);
        const { openOfflineEngine } = await import('./offline/engine.js');
        const engine = await openOfflineEngine({ allowNetwork: flags.allowNetwork === true });
        try {
          const { run, logs } = await engine.run(flow, context, flags.mock);
          const view = presentRun(run, logs);
          if (flags.json) printJson(view);
          else {
            for (const log of logs) process.stdout.write(`${logLine(presentLog(log))}\n`);
            process.stdout.write(`${finalLine(view)}\n`);
          }
          process.exitCode = run.status === 'completed' ? EXIT.ok : EXIT.failed;
        } finally {
          await engine.close();
        }
      } catch (error) {
        const user =
          error instanceof StratoflowError ? new CliError(error.code, error.message, EXIT.usage) : error;
        process.exitCode = reportError(user);
      }
    });
}
