import { Graph as DagreGraph, layout } from '@dagrejs/dagre';
import type { Graph } from './model.js';

const WIDTH = 220;
const HEIGHT = 80;

/** Left-to-right layered layout (dagre); nodes keep their ids and data, only positions change. */
export function autoLayout(graph: Graph): Graph {
  const g = new DagreGraph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    g.setNode(node.id, {
      width: node.measured?.width ?? WIDTH,
      height: node.measured?.height ?? HEIGHT,
    });
  }
  for (const edge of graph.edges) g.setEdge(edge.source, edge.target);
  layout(g);
  return {
    nodes: graph.nodes.map((node) => {
      const placed = g.node(node.id) as { x: number; y: number; width: number; height: number } | undefined;
      if (!placed) return node;
      return {
        ...node,
        position: { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) },
      };
    }),
    edges: graph.edges,
  };
}
