import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { type StratoflowClient, unwrap } from '../client/index.js';
import { usageError } from './exit-codes.js';
import { formatDuration, paintStatus, preview, printTable, relativeTime } from './output.js';
import { remoteAction, withRemoteFlags } from './remote.js';
import { logLine } from './run-watch.js';

const STATUSES = ['success', 'error', 'warning'] as const;
type LogStatus = (typeof STATUSES)[number];

interface LogFlags {
  follow?: boolean;
  status?: string;
  run?: string;
  node?: string;
  limit: number;
  json?: boolean;
  interval: number;
}

async function fetchLogs(api: StratoflowClient, workflowId: string, flags: LogFlags, perPage: number) {
  const logs = await unwrap(
    api.GET('/workflows/{workflowId}/logs', {
      params: {
        path: { workflowId },
        query: {
          per_page: perPage,
          ...(flags.status ? { status: flags.status as LogStatus } : {}),
          ...(flags.run ? { run_id: flags.run } : {}),
          ...(flags.node ? { node_id: flags.node } : {}),
        },
      },
    }),
  );
  return logs.reverse(); // the API answers newest first; terminals read top to bottom
}

/** `logs ID [--follow] [--status …]`: the newest entries, oldest first; --follow keeps printing new ones. */
export function registerLogs(program: Command) {
  withRemoteFlags(program.command('logs <workflowId>'))
    .description("A workflow's node logs, oldest first; --follow prints new entries as they come")
    .option('-f, --follow', 'keep printing new entries (Ctrl-C to stop)')
    .option('--status <status>', `only entries with this status (${STATUSES.join(', ')})`)
    .option('--run <runId>', 'only entries of this run')
    .option('--node <nodeId>', 'only entries of this node')
    .option('-n, --limit <n>', 'how many recent entries to show first (max 100)', (v) => Number(v), 20)
    .option('--interval <ms>', 'how often --follow polls', (v) => Number(v), 1000)
    .option('--json', 'print JSON (one entry per line with --follow)')
    .action(
      remoteAction(async ({ api }, workflowId: string, flags: LogFlags) => {
        if (flags.status && !STATUSES.includes(flags.status as LogStatus))
          throw usageError(`--status must be one of ${STATUSES.join(', ')}.`);
        if (!Number.isInteger(flags.limit) || flags.limit < 1 || flags.limit > 100)
          throw usageError('--limit must be a whole number from 1 to 100.');
        const first = await fetchLogs(api, workflowId, flags, flags.limit);
        if (!flags.follow) {
          if (flags.json) return void process.stdout.write(`${JSON.stringify(first, null, 2)}\n`);
          printTable(
            ['TIME', 'RUN', 'NODE', 'COMPONENT', 'STATUS', 'DURATION', 'OUTPUT'],
            first.map((l) => [
              relativeTime(l.created_at),
              l.run_id,
              l.node_id,
              l.component_id,
              paintStatus(l.status),
              formatDuration(l.duration_ms),
              preview(l.status === 'error' ? (l.output as { error?: unknown }).error : l.output, 50),
            ]),
          );
          return;
        }
        const seen = new Set<string>();
        const emit = (logs: typeof first) => {
          for (const log of logs) {
            if (seen.has(log.id)) continue;
            seen.add(log.id);
            process.stdout.write(
              flags.json ? `${JSON.stringify(log)}\n` : `${log.created_at}  ${log.run_id}  ${logLine(log)}\n`,
            );
          }
        };
        emit(first);
        while (true) {
          await sleep(flags.interval);
          emit(await fetchLogs(api, workflowId, flags, 100));
        }
      }),
    );
}
