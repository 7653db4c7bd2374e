import { StratoflowError } from '../../domain/errors.js';
import type { NodeContext } from '../contract.js';

/**
 * How long a parent waits before looking at its child run again. A finishing child wakes its parent
 * at once; polling is the safety net for a wake-up that came before the parent parked, or was lost in a
 * crash: 50 ms, then 200 ms, 800 ms... up to 30 s.
 */
export function childPollDelay(polls: number): number {
  return Math.min(30_000, 50 * 4 ** polls);
}

/**
 * The idempotency key of a child started by this node: a retry (attempt 2, 3...) gets keys of its own,
 * so it starts a fresh child instead of finding the one that failed.
 */
export function childKey(ctx: NodeContext, suffix = ''): string {
  const base = ctx.attempt > 1 ? `${ctx.nodeId}#${ctx.attempt}` : ctx.nodeId;
  return `${base}${suffix}`;
}

export type ChildState = { done: false } | { done: true; output: unknown };

/** Checks a started child run: done with its output, still going, or failed (throws). */
export async function checkChild(ctx: NodeContext, runId: string): Promise<ChildState> {
  const child = await ctx.runs.get(runId);
  if (!child) throw new StratoflowError('node_failed', `Child run ${runId} no longer exists.`);
  if (child.status === 'completed') return { done: true, output: child.output };
  if (child.status === 'failed') {
    throw new StratoflowError(
      'node_failed',
      `Child run ${runId} failed: ${child.errorMessage ?? 'unknown error'}`,
    );
  }
  return { done: false };
}

/** Parks the node until the child is likely done; `memo.polls` counts the looks so far. */
export function waitForChild<M extends { polls?: number }>(ctx: NodeContext, memo: M) {
  const polls = memo.polls ?? 0;
  return { wait: { until: ctx.clock.now() + childPollDelay(polls), memo: { ...memo, polls: polls + 1 } } };
}
