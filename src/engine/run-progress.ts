import { resolveRefs } from '../domain/payload-refs.js';
import { nullCopy, nullRecord } from '../domain/records.js';
import type { LogRecord, NodeResult, RunRecord, RunState } from '../domain/types.js';
import type { RunProgress } from './frontier.js';

/** A log is a node's final result when it succeeded or fired its `error` handle (continue_on_error). */
export function isFinalLog(log: LogRecord): boolean {
  return log.status === 'success' || log.handle === 'error';
}

/**
 * Rebuilds a run's progress from its inherited results and committed logs (the run is its log). Values
 * logs hold by reference to the trigger payload (see domain/payload-refs.ts) are resolved again.
 */
export function progressFromLogs(run: RunRecord, logs: readonly LogRecord[]): RunProgress {
  const payload = run.triggerPayload.payload;
  const results = new Map<string, NodeResult>();
  for (const [id, result] of Object.entries(run.inherited)) {
    results.set(id, { output: resolveRefs(result.output, payload), handle: result.handle });
  }
  for (const log of logs) {
    if (isFinalLog(log)) {
      results.set(log.nodeId, { output: resolveRefs(log.output, payload), handle: log.handle });
    }
  }
  const waiting = new Map<string, number>();
  for (const [id, until] of Object.entries(run.state.waits)) if (!results.has(id)) waiting.set(id, until);
  for (const [id, until] of Object.entries(run.state.retries)) if (!results.has(id)) waiting.set(id, until);
  return { results, skipped: new Set(), waiting, running: new Set() };
}

/** The template scope: outputs by node id plus the documented aliases. */
export function buildScope(run: RunRecord, results: ReadonlyMap<string, NodeResult>, triggerId: string) {
  const payload = run.triggerPayload.payload as Record<string, unknown> | undefined;
  const scope = nullRecord<unknown>([
    ['webhook_payload', payload?.webhook_payload],
    ['payload', payload?.payload],
  ]);
  for (const [id, result] of results) scope[id] = result.output;
  const trigger = results.get(triggerId);
  if (trigger && !('trigger' in scope)) scope.trigger = trigger.output;
  return scope;
}

export function cloneState(state: RunState): RunState {
  return {
    ...state,
    waits: nullCopy(state.waits),
    retries: nullCopy(state.retries),
    attempts: nullCopy(state.attempts),
    memos: nullCopy(state.memos),
  };
}

/** `{max_attempts, backoff_seconds, factor}` from `node.data.retry`, defaults filled, bounds enforced. */
export function retryPolicy(raw: unknown): { maxAttempts: number; backoffMs: number; factor: number } | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const maxAttempts = Math.min(Math.max(Math.trunc(Number(r.max_attempts ?? 1)) || 1, 1), 10);
  if (maxAttempts <= 1) return null;
  const backoffSeconds = Math.min(Math.max(Number(r.backoff_seconds ?? 1) || 0, 0), 3600);
  const factor = Math.min(Math.max(Number(r.factor ?? 2) || 1, 1), 10);
  return { maxAttempts, backoffMs: backoffSeconds * 1000, factor };
}
