import { Graph as DagreGraph, layout } from '@dagrejs/dagre';
import { type ComponentInfo, handlesByNode } from '../graph/catalogue.js';
import { type Centre, followHandleOrder, positionsCollide } from '../graph/place.js';
import type { Graph } from './model.js';

const WIDTH = 220;
const HEIGHT = 80;

/**
 * Top-to-bottom layered layout (dagre); nodes keep their ids and data, only positions change.
 * `handlesOf` gives a node's output handles in the order it draws them (see followHandleOrder).
 */
export function autoLayout(graph: Graph, handlesOf: (nodeId: string) => readonly string[]): Graph {
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
  const placed = new Map<string, Centre & { width: number; height: number }>();
  for (const node of graph.nodes) {
    const box = g.node(node.id) as (Centre & { width: number; height: number }) | undefined;
    if (box) placed.set(node.id, { ...box });
  }
  followHandleOrder(graph.edges, placed, handlesOf);
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

/**
 * A workflow's graph as the editor opens it: laid out when its nodes collide (workflows made over the API
 * often leave every node at 0,0), as it is otherwise.
 */
export function graphToOpen(graph: Graph, components: ReadonlyMap<string, ComponentInfo>): Graph {
  return positionsCollide(graph.nodes) ? autoLayout(graph, handlesByNode(graph.nodes, components)) : graph;
}
