import type { NodeResult } from '../domain/types.js';
import { edgeHandle, type Graph } from './graph.js';

/**
 * Where a run stands: which nodes have results, which were skipped (every input dead), which wait on a
 * timer and which are executing now. The planner reads it; the executor updates it.
 */
export interface RunProgress {
  results: Map<string, NodeResult>;
  skipped: Set<string>;
  waiting: Map<string, number>;
  running: Set<string>;
}

type Readiness = 'ready' | 'skip' | 'blocked';

/**
 * A node runs when every incoming edge is resolved and at least one is live; when all are resolved and
 * dead it is skipped (dead-path elimination). A node with no inputs runs only if it is the trigger.
 */
function readiness(graph: Graph, progress: RunProgress, id: string, triggerId: string): Readiness {
  const incoming = graph.incoming.get(id) ?? [];
  if (incoming.length === 0) return id === triggerId ? 'ready' : 'skip';
  let live = false;
  for (const edge of incoming) {
    if (progress.skipped.has(edge.source)) continue;
    const result = progress.results.get(edge.source);
    if (!result) return 'blocked';
    if (result.handle === edgeHandle(edge)) live = true;
  }
  return live ? 'ready' : 'skip';
}

function isOpen(progress: RunProgress, id: string): boolean {
  return !progress.results.has(id) && !progress.skipped.has(id) && !progress.running.has(id);
}

/**
 * Decides the nodes in `candidates` (and, through skips, their successors): returns the ready ones and
 * marks the skipped ones in `progress`.
 */
function settle(
  graph: Graph,
  progress: RunProgress,
  triggerId: string,
  candidates: Iterable<string>,
): string[] {
  const ready: string[] = [];
  const queue = [...candidates];
  const queued = new Set(queue);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    queued.delete(id);
    if (!isOpen(progress, id) || progress.waiting.has(id)) continue;
    const state = readiness(graph, progress, id, triggerId);
    if (state === 'ready') {
      if (!ready.includes(id)) ready.push(id);
    } else if (state === 'skip') {
      progress.skipped.add(id);
      for (const edge of graph.outgoing.get(id) ?? []) {
        if (!queued.has(edge.target)) {
          queued.add(edge.target);
          queue.push(edge.target);
        }
      }
    }
  }
  return ready;
}

/** Full scan: the ready nodes of a run loaded from the store (start, resume, crash recovery). */
export function planFrontier(graph: Graph, progress: RunProgress, triggerId: string): string[] {
  return settle(graph, progress, triggerId, graph.nodes.keys());
}

/** Incremental: the nodes made ready (or skipped) by `nodeId` resolving. */
export function planSuccessors(
  graph: Graph,
  progress: RunProgress,
  triggerId: string,
  nodeId: string,
): string[] {
  return settle(
    graph,
    progress,
    triggerId,
    (graph.outgoing.get(nodeId) ?? []).map((edge) => edge.target),
  );
}
