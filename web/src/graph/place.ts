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

/**
 * Positions for a graph drawn top to bottom in layers (dagre), for graphs whose own positions collide;
 * `handlesOf` gives a node's output handles in the order it draws them (see followHandleOrder).
 */
export function layeredPositions(
  nodes: readonly Placed[],
  edges: ReadonlyArray<{ source: string; target: string; sourceHandle?: string | null }>,
  handlesOf: (nodeId: string) => readonly string[],
): Map<string, { x: number; y: number }> {
  const g = new DagreGraph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 60 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: 220, height: 90 });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  layout(g);
  const centres = new Map<string, Centre>();
  for (const n of nodes) {
    const box = g.node(n.id) as Centre | undefined;
    if (box) centres.set(n.id, { x: box.x, y: box.y });
  }
  followHandleOrder(edges, centres, handlesOf);
  const out = new Map<string, { x: number; y: number }>();
  for (const [id, c] of centres) out.set(id, { x: Math.round(c.x - 110), y: Math.round(c.y - 45) });
  return out;
}

/** A laid-out node's centre. */
export interface Centre {
  x: number;
  y: number;
}

/**
 * Dagre orders a row to cross few edges but knows nothing of handles: the children a node reaches by
 * named handles (true before false, switch cases, form buttons) are put left to right in the order its
 * handles are drawn, so that their edges do not cross. Only children on one row are moved, among the
 * places they already hold.
 */
export function followHandleOrder(
  edges: ReadonlyArray<{ source: string; target: string; sourceHandle?: string | null }>,
  centres: Map<string, Centre>,
  handlesOf: (nodeId: string) => readonly string[],
): void {
  const bySource = new Map<string, Array<{ handle: string; target: string }>>();
  for (const e of edges) {
    if (!e.sourceHandle) continue;
    const children = bySource.get(e.source) ?? [];
    if (!children.some((c) => c.target === e.target))
      children.push({ handle: e.sourceHandle, target: e.target });
    bySource.set(e.source, children);
  }
  for (const [source, children] of bySource) {
    const boxes = children.map((c) => centres.get(c.target));
    if (children.length < 2 || boxes.some((b) => !b) || new Set(boxes.map((b) => b?.y)).size !== 1) continue;
    const order = handlesOf(source);
    const rank = (handle: string) => {
      const i = order.indexOf(handle);
      return i === -1 ? order.length : i;
    };
    const sorted = [...children].sort((a, b) => rank(a.handle) - rank(b.handle));
    const xs = boxes.map((b) => (b as Centre).x).sort((a, b) => a - b);
    sorted.forEach((child, i) => {
      (centres.get(child.target) as Centre).x = xs[i] as number;
    });
  }
}
