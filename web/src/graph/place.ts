import { Graph as DagreGraph, layout } from '@dagrejs/dagre';

interface Placed {
  id: string;
  position: { x: number; y: number };
}

/** True when some nodes share a position (workflows made over the API often leave every node at 0,0). */
export function positionsCollide(nodes: readonly Placed[]): boolean {
  const seen = new Set<string>();
  for (const n of nodes) {
    const key = `${n.position.x},${n.position.y}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** Positions for a graph drawn top to bottom in layers (dagre), for graphs whose own positions collide. */
export function layeredPositions(
  nodes: readonly Placed[],
  edges: ReadonlyArray<{ source: string; target: string }>,
): Map<string, { x: number; y: number }> {
  const g = new DagreGraph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 60 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: 220, height: 90 });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const box = g.node(n.id) as { x: number; y: number } | undefined;
    if (box) out.set(n.id, { x: Math.round(box.x - 110), y: Math.round(box.y - 45) });
  }
  return out;
}
