import type { Edge } from '@xyflow/react';
import type { NodeData } from '../graph/catalogue.js';
import type { FlowNodeType } from '../graph/FlowNode.js';

export interface Graph {
  nodes: FlowNodeType[];
  edges: Edge[];
}

/** A node and an edge as the API stores them. */
export interface WorkflowNode {
  id: string;
  type?: string;
  position: { x: number; y: number };
  data: NodeData;
}
export interface WorkflowEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export function toGraph(nodes: WorkflowNode[], edges: WorkflowEdge[]): Graph {
  return {
    nodes: nodes.map((n) => ({ id: n.id, type: 'step', position: { ...n.position }, data: { ...n.data } })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: e.sourceHandle ?? null,
      targetHandle: e.targetHandle ?? null,
    })),
  };
}

/** The definition the API receives: ids, component as `type`, rounded positions, handles kept. */
export function toDefinition(graph: Graph): { nodes: WorkflowNode[]; edges: WorkflowEdge[] } {
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      type: n.data.componentId,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      data: n.data,
    })),
    edges: graph.edges.map((e) => {
      const edge: WorkflowEdge = { id: e.id, source: e.source, target: e.target };
      if (e.sourceHandle) edge.sourceHandle = e.sourceHandle;
      if (e.targetHandle) edge.targetHandle = e.targetHandle;
      return edge;
    }),
  };
}

/** The next free id of the `n1, n2, ...` (or `e1, e2, ...`) style: one past the highest number in use. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  let highest = 0;
  for (const id of used) {
    const match = pattern.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  let n = highest + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** `count` fresh ids at once (for a paste). */
export function nextIds(prefix: string, taken: Iterable<string>, count: number): string[] {
  const used = new Set(taken);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = nextId(prefix, used);
    used.add(id);
    ids.push(id);
  }
  return ids;
}

/** Ids of every node upstream of `nodeId` (its ancestors), nearest first. */
export function upstreamOf(nodeId: string, edges: readonly Edge[]): string[] {
  const parents = new Map<string, string[]>();
  for (const e of edges) parents.set(e.target, [...(parents.get(e.target) ?? []), e.source]);
  const seen = new Set<string>();
  const queue = [...(parents.get(nodeId) ?? [])];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id) || id === nodeId) continue;
    seen.add(id);
    queue.push(...(parents.get(id) ?? []));
  }
  return [...seen];
}
