import { Graph as DagreGraph, layout } from '@dagrejs/dagre';
import type { Graph } from './model.js';

const WIDTH = 220;
const HEIGHT = 80;

/** Top-to-bottom layered layout (dagre); nodes keep their ids and data, only positions change. */
export function autoLayout(graph: Graph): Graph {
  const g = new DagreGraph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 60, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    g.setNode(node.id, {
      width: node.measured?.width ?? WIDTH,
      height: node.measured?.height ?? HEIGHT,
    });
  }
  for (const edge of graph.edges) g.setEdge(edge.source, edge.target);
  layout(g);
  const placed = new Map<string, Box>();
  for (const node of graph.nodes) {
    const box = g.node(node.id) as Box | undefined;
    if (box) placed.set(node.id, { ...box });
  }
  followHandleOrder(graph, placed);
  return {
    nodes: graph.nodes.map((node) => {
      const box = placed.get(node.id);
      if (!box) return node;
      return {
        ...node,
        position: { x: Math.round(box.x - box.width / 2), y: Math.round(box.y - box.height / 2) },
      };
    }),
    edges: graph.edges,
  };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Dagre orders a rank to cross few edges but knows nothing of handles: children reached by named
 * handles (true before false, switch cases in order) are put left to right in the order of the handles.
 */
function followHandleOrder(graph: Graph, placed: Map<string, Box>) {
  const bySource = new Map<string, Array<{ handle: string; target: string }>>();
  for (const e of graph.edges) {
    if (!e.sourceHandle) continue;
    bySource.set(e.source, [...(bySource.get(e.source) ?? []), { handle: e.sourceHandle, target: e.target }]);
  }
  for (const [, children] of bySource) {
    const boxes = children.map((c) => placed.get(c.target));
    if (boxes.some((b) => !b) || new Set(boxes.map((b) => b?.y)).size !== 1) continue;
    const order = ['true', 'false'];
    const sorted = [...children].sort((a, b) => {
      const ia = order.indexOf(a.handle);
      const ib = order.indexOf(b.handle);
      return ia !== -1 && ib !== -1 ? ia - ib : 0;
    });
    const xs = boxes.map((b) => (b as Box).x).sort((a, b) => a - b);
    sorted.forEach((child, i) => {
      const box = placed.get(child.target) as Box;
      box.x = xs[i] as number;
    });
  }
}
