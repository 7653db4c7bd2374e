import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StratoflowError } from '../domain/errors.js';
import type { LogRecord, RunRecord } from '../domain/types.js';
import { runNodeStates } from '../engine/run-graph.js';
import type { RunService } from '../engine/run-service.js';
import type { NodeRegistry } from '../nodes/registry.js';
import { errorBody, toStratoflowError } from './errors.js';
import { presentLog, presentNodeStates, presentRunSummary } from './present.js';

export interface RunStreamLimits {
  /** How often a stream reads the run and its new logs from the store. */
  pollMs: number;
  /** A comment line after this much silence keeps proxies from closing the connection. */
  keepAliveMs: number;
  /** Open streams per organization in this process; one more answers 429. */
  maxPerOrg: number;
}

export const DEFAULT_RUN_STREAM_LIMITS: RunStreamLimits = { pollMs: 250, keepAliveMs: 15_000, maxPerOrg: 20 };

const ENDED = new Set(['completed', 'failed']);

/** Identity of what a `run` event shows; an unchanged run is not sent again. */
const runKey = (run: RunRecord) =>
  JSON.stringify([run.status, run.startedAt, run.completedAt, run.errorMessage, run.state]);

/**
 * Server-sent events of one run: its state, then each log entry as it commits, node states, and `end`
 * once the run has completed or failed. The store is polled (works across processes on PostgreSQL).
 */
export function createRunStreams(
  app: FastifyInstance,
  runs: RunService,
  registry: NodeRegistry,
  limits: RunStreamLimits,
  publicUrl: string,
) {
  const openPerOrg = new Map<string, number>();
  const stoppers = new Set<() => void>();
  // Streams never end on their own while a run waits; closing the server ends them.
  app.addHook('preClose', async () => {
    for (const stop of stoppers) stop();
  });

  return async function stream(request: FastifyRequest, reply: FastifyReply, orgId: string, runId: string) {
    const { run: first, definition, logs } = await runs.getRunGraph(orgId, runId);
    const open = openPerOrg.get(orgId) ?? 0;
    if (open >= limits.maxPerOrg) throw new StratoflowError('too_many_run_streams');
    openPerOrg.set(orgId, open + 1);

    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let lastWrite = Date.now();
    const send = (event: string, data: unknown, id?: number) => {
      out.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      lastWrite = Date.now();
    };

    let closed = false;
    let wake: (() => void) | null = null;
    const stop = () => {
      if (closed) return;
      closed = true;
      wake?.();
    };
    stoppers.add(stop);
    request.raw.on('close', stop);
    out.on('close', stop);
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });

    try {
      const resumeAfter = Number(request.headers['last-event-id']);
      const seen: LogRecord[] = [...logs];
      let lastSeq = Number.isInteger(resumeAfter) ? resumeAfter : -1;
      let run = first;
      const emit = (fresh: readonly LogRecord[], withRun: boolean) => {
        if (withRun) send('run', presentRunSummary(run));
        for (const log of fresh) {
          if (log.seq > lastSeq) send('log', presentLog(log), log.seq);
          lastSeq = Math.max(lastSeq, log.seq);
        }
        send('nodes', presentNodeStates(runNodeStates(definition, run, seen, registry)));
      };
      emit(logs, true);
      let key = runKey(run);
      while (!closed && !ENDED.has(run.status)) {
        await sleep(limits.pollMs);
        if (closed) break;
        run = await runs.getRun(orgId, runId);
        // Read after the run: a run that ended committed its last log in the same transaction.
        const fresh = await runs.logsAfter(run, Math.max(lastSeq, seen.at(-1)?.seq ?? -1));
        seen.push(...fresh);
        const changed = runKey(run) !== key;
        key = runKey(run);
        if (changed || fresh.length > 0) emit(fresh, changed);
        else if (Date.now() - lastWrite >= limits.keepAliveMs) {
          out.write(': keep-alive\n\n');
          lastWrite = Date.now();
        }
      }
      if (!closed) send('end', { status: run.status });
    } catch (error) {
      if (!(error instanceof StratoflowError)) request.log.error({ err: error }, 'run stream failed');
      if (!closed) send('error', errorBody(toStratoflowError(error), publicUrl));
    } finally {
      stoppers.delete(stop);
      openPerOrg.set(orgId, (openPerOrg.get(orgId) ?? 1) - 1);
      if ((openPerOrg.get(orgId) ?? 0) <= 0) openPerOrg.delete(orgId);
      out.end();
    }
  };
}
