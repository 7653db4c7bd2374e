import type { Command } from 'commander';
import { unwrap } from '../client/index.js';
import { jsonObjectArg } from './json-input.js';
import { paintStatus, printJson, printTable, relativeTime } from './output.js';
import { remoteAction, withRemoteFlags } from './remote.js';
import { fetchRun, finalLine, logLine, watchRun } from './run-watch.js';

type Started = { id: string; status: string };

function announce(run: Started, opts: { json?: boolean; wait?: boolean }) {
  if (opts.json && !opts.wait) printJson(run);
  else if (!opts.json) process.stdout.write(`Started run ${run.id} (${run.status})\n`);
}

function announceAction(
  result: { message: string; new_run: Started },
  opts: { json?: boolean; wait?: boolean },
) {
  if (!opts.json) process.stdout.write(`${result.message}\n`);
  announce(result.new_run, opts);
}

/** `execute ID [--context JSON|@file] [--wait]` */
export function registerExecute(program: Command) {
  withRemoteFlags(program.command('execute <workflowId>'))
    .description('Start a run of a workflow; --wait follows it node by node until it ends')
    .option('--context <json>', 'trigger context: a JSON object, or @file.json')
    .option('--wait', 'follow the run; exit 0 when it completes, 1 when it fails')
    .option('--idempotency-key <key>', 'a repeat with the same key returns the first run (24 h)')
    .option('--json', 'print the run as JSON')
    .action(
      remoteAction(
        async (
          { api },
          workflowId: string,
          opts: { context?: string; wait?: boolean; json?: boolean; idempotencyKey?: string },
        ) => {
          const context = jsonObjectArg(opts.context, '--context');
          const run = await unwrap(
            api.POST('/workflows/{workflowId}/execute', {
              params: {
                path: { workflowId },
                header: opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {},
              },
              body: { context },
            }),
          );
          announce(run, opts);
          if (opts.wait) return watchRun(api, run.id, { json: opts.json ?? false });
        },
      ),
    );
}

export function registerRuns(program: Command) {
  const runs = program.command('runs').description('Inspect, re-run, resume and watch runs');

  withRemoteFlags(runs.command('list <workflowId>'))
    .description("List a workflow's runs, newest first")
    .option('--page <n>', 'page number', (v) => Number(v), 1)
    .option('--per-page <n>', 'runs per page (max 100)', (v) => Number(v), 15)
    .option('--json', 'print the page as JSON')
    .action(
      remoteAction(
        async ({ api }, workflowId: string, opts: { page: number; perPage: number; json?: boolean }) => {
          const page = await unwrap(
            api.GET('/workflows/{workflowId}/executions', {
              params: { path: { workflowId }, query: { page: opts.page, per_page: opts.perPage } },
            }),
          );
          if (opts.json) return printJson(page);
          printTable(
            ['RUN', 'STATUS', 'STARTED', 'DURATION', 'ERROR'],
            page.data.map((r) => [
              r.id,
              paintStatus(r.status),
              relativeTime(r.started_at),
              r.duration_in_seconds === null ? '-' : `${r.duration_in_seconds} s`,
              r.error_message,
            ]),
          );
          const { current_page, last_page, total } = page.meta;
          if (last_page > 1) process.stdout.write(`page ${current_page} of ${last_page} (${total} runs)\n`);
        },
      ),
    );

  withRemoteFlags(runs.command('get <runId>'))
    .description('Show a run with one line per node log')
    .option('--json', 'print JSON')
    .action(
      remoteAction(async ({ api }, runId: string, opts: { json?: boolean }) => {
        const run = await fetchRun(api, runId);
        if (opts.json) return printJson(run);
        process.stdout.write(`${finalLine(run)}\n`);
        process.stdout.write(`started ${relativeTime(run.started_at)}, workflow ${run.workflow_id}\n`);
        for (const log of run.logs ?? []) process.stdout.write(`${logLine(log)}\n`);
      }),
    );

  withRemoteFlags(runs.command('rerun <runId>'))
    .description("Start a new run with a finished run's trigger payload")
    .option('--original-version', "run the original run's workflow version, not the current one")
    .option('--wait', 'follow the new run')
    .option('--json', 'print the new run as JSON')
    .action(
      remoteAction(
        async (
          { api },
          runId: string,
          opts: { originalVersion?: boolean; wait?: boolean; json?: boolean },
        ) => {
          const result = await unwrap(
            api.POST('/workflows/runs/{runId}/rerun', {
              params: { path: { runId }, query: { version: opts.originalVersion ? 'original' : 'current' } },
            }),
          );
          announceAction(result, opts);
          if (opts.wait) return watchRun(api, result.new_run.id, { json: opts.json ?? false });
        },
      ),
    );

  withRemoteFlags(runs.command('resume <runId> <nodeId>'))
    .description('Resume a failed run after a node that succeeded in it')
    .option('--wait', 'follow the new run')
    .option('--json', 'print the new run as JSON')
    .action(
      remoteAction(
        async ({ api }, runId: string, nodeId: string, opts: { wait?: boolean; json?: boolean }) => {
          const result = await unwrap(
            api.POST('/workflows/runs/{runId}/resume-from/{nodeId}', { params: { path: { runId, nodeId } } }),
          );
          announceAction(result, opts);
          if (opts.wait) return watchRun(api, result.new_run.id, { json: opts.json ?? false });
        },
      ),
    );

  withRemoteFlags(runs.command('watch <runId>'))
    .description('Follow a run node by node until it ends (exit 0 completed, 1 failed)')
    .option('--json', 'print only the final run as JSON')
    .action(
      remoteAction(async ({ api }, runId: string, opts: { json?: boolean }) =>
        watchRun(api, runId, { json: opts.json ?? false }),
      ),
    );
}
