import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SingleBar } from 'cli-progress';
import { type StratoflowClient, unwrap } from '../client/index.js';
import { EXIT } from './exit-codes.js';
import { formatDuration, paint, paintStatus, preview } from './output.js';

// Loaded by the commands that watch a run, not by `serve`.
const load = createRequire(import.meta.url);

const FINAL = new Set(['completed', 'failed']);

export type RunView = Awaited<ReturnType<typeof fetchRun>>;
type LogView = NonNullable<RunView['logs']>[number];

export function fetchRun(api: StratoflowClient, runId: string) {
  return unwrap(api.GET('/workflows/runs/{runId}', { params: { path: { runId } } }));
}

/** One line per finished node: status, node, component, duration, a short output preview. */
export function logLine(log: LogView): string {
  const output = log.status === 'error' ? (log.output as { error?: unknown } | null)?.error : log.output;
  const status = paintStatus(log.status) + ' '.repeat(Math.max(0, 7 - log.status.length));
  const node = `${log.node_id} ${paint('gray', log.component_id ?? '')}`.trim();
  return `${status}  ${node}  ${formatDuration(log.duration_ms)}  ${preview(output)}`.trimEnd();
}

export function finalLine(run: RunView): string {
  const took = run.duration_in_seconds === null ? '' : ` in ${run.duration_in_seconds} s`;
  const why = run.status === 'failed' && run.error_message ? `: ${run.error_message}` : '';
  return `Run ${run.id} ${paintStatus(run.status)}${took}${why}`;
}

type Progress = NonNullable<RunView['progress']>;

/**
 * Iterators' progress: a bar on a terminal (stderr, redrawn in place, cleared while node lines print),
 * else a line `progress NODE done/total` whenever the count moves.
 */
function progressView(stream: NodeJS.WriteStream = process.stderr) {
  const seen = new Map<string, number>();
  let bar: { node: string; bar: SingleBar } | null = null;
  const pause = () => {
    bar?.bar.stop();
    bar = null;
  };
  return {
    pause,
    update(progress: Progress) {
      for (const { node_id, done, total } of progress) {
        if (seen.get(node_id) === done) continue;
        seen.set(node_id, done);
        if (!stream.isTTY) {
          process.stdout.write(`progress ${node_id} ${done}/${total}\n`);
          continue;
        }
        if (bar?.node !== node_id) {
          pause();
          const { Presets, SingleBar } = load('cli-progress') as typeof import('cli-progress');
          const single = new SingleBar(
            {
              format: `${node_id} [{bar}] {value}/{total}`,
              stream,
              clearOnComplete: true,
              hideCursor: false,
            },
            Presets.shades_classic,
          );
          single.start(total, done);
          bar = { node: node_id, bar: single };
        } else bar.bar.update(done);
      }
    },
  };
}

/**
 * Follows a run until it completes or fails, printing each node's line as it finishes (polling the run;
 * the API has no push channel). With `json`, prints only the final run. Exit 0 completed, 1 failed.
 */
export async function watchRun(
  api: StratoflowClient,
  runId: string,
  options: { json?: boolean; intervalMs?: number } = {},
): Promise<number> {
  const seen = new Set<string>();
  const progress = progressView();
  let delay = 100;
  while (true) {
    const run = await fetchRun(api, runId);
    if (!options.json) {
      const fresh = (run.logs ?? []).filter((log) => !seen.has(log.id));
      if (fresh.length > 0) progress.pause();
      for (const log of fresh) {
        seen.add(log.id);
        process.stdout.write(`${logLine(log)}\n`);
      }
      progress.update(run.progress ?? []);
    }
    if (FINAL.has(run.status)) {
      progress.pause();
      if (options.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
      else process.stdout.write(`${finalLine(run)}\n`);
      return run.status === 'completed' ? EXIT.ok : EXIT.failed;
    }
    await sleep(delay);
    delay = Math.min(options.intervalMs ?? 1000, delay * 2);
  }
}
