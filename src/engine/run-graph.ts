import { NEVER } from '../domain/interactions.js';
import type { LogRecord, RunRecord, WorkflowDefinition } from '../domain/types.js';
import type { NodeRegistry } from '../nodes/registry.js';
import { planFrontier } from './frontier.js';
import { buildGraph } from './graph.js';
import { isFinalLog, progressFromLogs } from './run-progress.js';

/** Where one node of a run stands, as the run inspector draws it. */
export type NodeRunStatus = 'success' | 'error' | 'skipped' | 'not_reached' | 'running' | 'waiting';

export interface NodeRunState {
  status: NodeRunStatus;
  /** Duration of the node's last attempt; null when it has not run in this run. */
  durationMs: number | null;
  /** Attempts logged in this run (retries each log one). */
  attempts: number;
  /** The result was copied from the original run (resume) and not executed again. */
  inherited: boolean;
  /** Epoch ms until which a waiting node sleeps (Delay, retry back-off). */
  waitingUntil: number | null;
}

const ACTIVE = new Set(['pending', 'running']);
/** Runs that still have nodes waiting: active ones, and those parked on a person's answer. */
const WAITING = new Set(['pending', 'running', 'awaiting_ui_interaction']);

/**
 * Each node's state in a run, derived from the definition the run pinned and its committed logs with
 * the executor's own planner: nodes on a dead branch are `skipped`, nodes the run would execute next are
 * `running` while the run is active and `not_reached` once it has ended.
 */
export function runNodeStates(
  definition: WorkflowDefinition,
  run: RunRecord,
  logs: readonly LogRecord[],
  registry: NodeRegistry,
): Record<string, NodeRunState> {
  const graph = buildGraph(definition);
  const trigger = definition.nodes.find((n) => registry.get(n.data.componentId)?.kind === 'trigger');
  const progress = progressFromLogs(run, logs);
  const frontier = new Set(trigger ? planFrontier(graph, progress, trigger.id) : []);
  const byNode = new Map<string, LogRecord[]>();
  for (const log of logs) byNode.set(log.nodeId, [...(byNode.get(log.nodeId) ?? []), log]);

  const states: Record<string, NodeRunState> = {};
  for (const node of definition.nodes) {
    const own = byNode.get(node.id) ?? [];
    const last = own.at(-1);
    const inherited = own.length === 0 && node.id in run.inherited;
    const state: NodeRunState = {
      status: 'not_reached',
      durationMs: last ? last.durationMs : null,
      attempts: own.length,
      inherited,
      // A form without a timeout waits "until NEVER": no wake-up time to show.
      waitingUntil: wakeTime(progress.waiting.get(node.id)),
    };
    if (last && isFinalLog(last)) state.status = last.status === 'error' ? 'error' : 'success';
    else if (inherited) state.status = 'success';
    else if (progress.waiting.has(node.id) && WAITING.has(run.status)) state.status = 'waiting';
    else if (last?.status === 'error') state.status = 'error';
    else if (progress.skipped.has(node.id)) state.status = 'skipped';
    else if (frontier.has(node.id) && ACTIVE.has(run.status)) state.status = 'running';
    else if (frontier.has(node.id) && run.status === 'awaiting_ui_interaction') state.status = 'waiting';
    if (state.status !== 'waiting') state.waitingUntil = null;
    states[node.id] = state;
  }
  return states;
}

function wakeTime(until: number | undefined): number | null {
  return until === undefined || until >= NEVER ? null : until;
}
