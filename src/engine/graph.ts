import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from '../domain/types.js';

/** A definition indexed for execution: nodes by id and edges by their ends. */
export interface Graph {
  readonly nodes: ReadonlyMap<string, WorkflowNode>;
  readonly outgoing: ReadonlyMap<string, readonly WorkflowEdge[]>;
  readonly incoming: ReadonlyMap<string, readonly WorkflowEdge[]>;
}

export function buildGraph(definition: WorkflowDefinition): Graph {
  const nodes = new Map<string, WorkflowNode>();
  const outgoing = new Map<string, WorkflowEdge[]>();
  const incoming = new Map<string, WorkflowEdge[]>();
  for (const node of definition.nodes) {
    nodes.set(node.id, node);
    outgoing.set(node.id, []);
    incoming.set(node.id, []);
  }
  for (const edge of definition.edges) {
    outgoing.get(edge.source)?.push(edge);
    incoming.get(edge.target)?.push(edge);
  }
  return { nodes, outgoing, incoming };
}

/** The handle an edge leaves from; absent, null and '' all mean the plain "next" output. */
export function edgeHandle(edge: WorkflowEdge): string | null {
  return edge.sourceHandle === undefined || edge.sourceHandle === null || edge.sourceHandle === ''
    ? null
    : edge.sourceHandle;
}

/** Node ids in a topological order, or null when the graph has a cycle (Kahn's algorithm). */
export function topologicalOrder(graph: Graph): string[] | null {
  const remaining = new Map<string, number>();
  for (const [id, edges] of graph.incoming) remaining.set(id, edges.length);
  const ready = [...remaining].filter(([, n]) => n === 0).map(([id]) => id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.pop() as string;
    order.push(id);
    for (const edge of graph.outgoing.get(id) ?? []) {
      const left = (remaining.get(edge.target) ?? 0) - 1;
      remaining.set(edge.target, left);
      if (left === 0) ready.push(edge.target);
    }
  }
  return order.length === graph.nodes.size ? order : null;
}

/**
 * The node ids of one cycle in path order (`['a', 'b', 'c']` for a → b → c → a), or null when the graph
 * is acyclic. Iterative depth-first search, so a long chain cannot overflow the stack.
 */
export function findCycle(graph: Graph): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  for (const start of graph.nodes.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 'open');
    path.push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: number };
      const edges = graph.outgoing.get(top.id) ?? [];
      const edge = edges[top.next++];
      if (!edge) {
        state.set(top.id, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const seen = state.get(edge.target);
      if (seen === 'open') return path.slice(path.indexOf(edge.target));
      if (seen === undefined && graph.nodes.has(edge.target)) {
        state.set(edge.target, 'open');
        path.push(edge.target);
        stack.push({ id: edge.target, next: 0 });
      }
    }
  }
  return null;
}

/** Every node from which `nodeId` can be reached (its ancestors), excluding itself. */
export function ancestorsOf(graph: Graph, nodeId: string): Set<string> {
  const seen = new Set<string>();
  const stack = [nodeId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const edge of graph.incoming.get(id) ?? []) {
      if (!seen.has(edge.source)) {
        seen.add(edge.source);
        stack.push(edge.source);
      }
    }
  }
  return seen;
}
