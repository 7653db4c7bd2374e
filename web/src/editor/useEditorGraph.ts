import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useRef } from 'react';
import { type ComponentInfo, isTrigger, type NodeData, outputHandles } from '../graph/catalogue.js';
import type { FlowNodeType } from '../graph/FlowNode.js';
import { type Graph, nextId, nextIds } from './model.js';
import type { GraphHistory } from './useHistory.js';

export interface TriggerConflict {
  existing: FlowNodeType;
  componentId: string;
}

/** Starting config for a new node: each required choice set to its first option. */
function starterData(component: ComponentInfo): NodeData {
  const data: NodeData = { componentId: component.componentId };
  const schema = component.config_schema as {
    properties?: Record<string, { enum?: unknown[] }>;
    required?: string[];
  };
  for (const key of schema.required ?? []) {
    const first = schema.properties?.[key]?.enum?.[0];
    if (first !== undefined) data[key] = first;
  }
  return data;
}

const select = (nodes: FlowNodeType[], ids: ReadonlySet<string>) =>
  nodes.map((n) => (Boolean(n.selected) === ids.has(n.id) ? n : { ...n, selected: ids.has(n.id) }));

/** Every change the canvas, the palette and the toolbar make to the graph, as undoable steps. */
export function useEditorGraph(
  history: GraphHistory,
  components: ReadonlyMap<string, ComponentInfo>,
  onTriggerConflict: (conflict: TriggerConflict) => void,
) {
  const { update } = history;
  const clipboard = useRef<{ nodes: FlowNodeType[]; edges: Edge[]; pastes: number } | null>(null);
  const lastEdit = useRef<{ key: string; at: number } | null>(null);

  /**
   * The canvas may only move, measure and select nodes: their content changes here, never from the
   * canvas's own copy (which can be older than ours).
   */
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNodeType>[]) => {
      const kept = changes.filter(
        (c) => c.type === 'position' || c.type === 'dimensions' || c.type === 'select',
      );
      if (kept.length > 0) update((g) => ({ ...g, nodes: applyNodeChanges(kept, g.nodes) }), false);
    },
    [update],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const kept = changes.filter((c) => c.type === 'select');
      if (kept.length > 0) update((g) => ({ ...g, edges: applyEdgeChanges(kept, g.edges) }), false);
    },
    [update],
  );

  /** Deleting nodes takes their edges along, in one undo step. */
  const remove = useCallback(
    (nodeIds: readonly string[], edgeIds: readonly string[] = []) => {
      const nodes = new Set(nodeIds);
      const edges = new Set(edgeIds);
      update((g) => ({
        nodes: g.nodes.filter((n) => !nodes.has(n.id)),
        edges: g.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
      }));
    },
    [update],
  );

  const connect = useCallback(
    (connection: Connection) => {
      update((g) => {
        const duplicate = g.edges.some(
          (e) =>
            e.source === connection.source &&
            e.target === connection.target &&
            (e.sourceHandle ?? null) === (connection.sourceHandle ?? null),
        );
        if (duplicate || connection.source === connection.target) return g;
        const edge: Edge = {
          id: nextId(
            'e',
            g.edges.map((e) => e.id),
          ),
          source: connection.source,
          target: connection.target,
          sourceHandle: connection.sourceHandle ?? null,
          targetHandle: connection.targetHandle ?? null,
        };
        return { ...g, edges: [...g.edges, edge] };
      });
    },
    [update],
  );

  /** Adds a node of `componentId`; refuses a second trigger. Returns the new id. */
  const add = useCallback(
    (componentId: string, graph: Graph, position: { x: number; y: number }, connectFrom?: string) => {
      const component = components.get(componentId);
      if (!component) return null;
      if (isTrigger(component)) {
        const existing = graph.nodes.find((n) => isTrigger(components.get(n.data.componentId)));
        if (existing) {
          onTriggerConflict({ existing, componentId });
          return null;
        }
      }
      const id = nextId(
        'n',
        graph.nodes.map((n) => n.id),
      );
      const node: FlowNodeType = { id, type: 'step', position, data: starterData(component), selected: true };
      update((g) => {
        const edges = [...g.edges];
        const from = connectFrom ? g.nodes.find((n) => n.id === connectFrom) : undefined;
        if (
          from &&
          !isTrigger(component) &&
          outputHandles(from.data, components.get(from.data.componentId)).length === 0
        ) {
          edges.push({
            id: nextId(
              'e',
              edges.map((e) => e.id),
            ),
            source: from.id,
            target: id,
            sourceHandle: null,
            targetHandle: null,
          });
        }
        return { nodes: [...select(g.nodes, new Set()), node], edges };
      });
      return id;
    },
    [components, onTriggerConflict, update],
  );

  /** Swaps the trigger's component, keeping its id, position and outgoing edges. */
  const replaceTrigger = useCallback(
    (nodeId: string, componentId: string) => {
      const component = components.get(componentId);
      if (!component) return;
      update((g) => ({
        ...g,
        nodes: g.nodes.map((n) => (n.id === nodeId ? { ...n, data: starterData(component) } : n)),
      }));
    },
    [components, update],
  );

  /** Changes a node's data; quick successive edits of one node make one undo step. */
  const setData = useCallback(
    (nodeId: string, change: (data: NodeData) => NodeData) => {
      const now = Date.now();
      const key = nodeId;
      const record = !(lastEdit.current && lastEdit.current.key === key && now - lastEdit.current.at < 1200);
      lastEdit.current = { key, at: now };
      update(
        (g) => ({ ...g, nodes: g.nodes.map((n) => (n.id === nodeId ? { ...n, data: change(n.data) } : n)) }),
        record,
      );
    },
    [update],
  );

  /** Renames a node and every edge that names it. */
  const rename = useCallback(
    (from: string, to: string) => {
      update((g) => ({
        nodes: g.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
        edges: g.edges.map((e) =>
          e.source === from || e.target === from
            ? { ...e, source: e.source === from ? to : e.source, target: e.target === from ? to : e.target }
            : e,
        ),
      }));
    },
    [update],
  );

  const copy = useCallback((graph: Graph) => {
    const nodes = graph.nodes.filter((n) => n.selected);
    if (nodes.length === 0) return 0;
    const ids = new Set(nodes.map((n) => n.id));
    clipboard.current = {
      nodes,
      edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
      pastes: 0,
    };
    return nodes.length;
  }, []);

  /** Pastes the copied nodes with fresh ids, offset, and selected; a second trigger is left out. */
  const paste = useCallback(
    (graph: Graph) => {
      const copied = clipboard.current;
      if (!copied) return 0;
      copied.pastes += 1;
      const hasTrigger = graph.nodes.some((n) => isTrigger(components.get(n.data.componentId)));
      const nodes = copied.nodes.filter(
        (n) => !(hasTrigger && isTrigger(components.get(n.data.componentId))),
      );
      const ids = nextIds(
        'n',
        graph.nodes.map((n) => n.id),
        nodes.length,
      );
      const map = new Map(nodes.map((n, i) => [n.id, ids[i] as string]));
      const offset = 40 * copied.pastes;
      const pasted: FlowNodeType[] = nodes.map((n) => ({
        id: map.get(n.id) as string,
        type: 'step',
        position: { x: n.position.x + offset, y: n.position.y + offset },
        data: structuredClone(n.data),
        selected: true,
      }));
      const edgeIds = nextIds(
        'e',
        graph.edges.map((e) => e.id),
        copied.edges.length,
      );
      const edges: Edge[] = copied.edges
        .filter((e) => map.has(e.source) && map.has(e.target))
        .map((e, i) => ({
          id: edgeIds[i] as string,
          source: map.get(e.source) as string,
          target: map.get(e.target) as string,
          sourceHandle: e.sourceHandle ?? null,
          targetHandle: e.targetHandle ?? null,
        }));
      update((g) => ({ nodes: [...select(g.nodes, new Set()), ...pasted], edges: [...g.edges, ...edges] }));
      return pasted.length;
    },
    [components, update],
  );

  const selectOnly = useCallback(
    (nodeId: string | null) => {
      update(
        (g) => ({
          nodes: select(g.nodes, new Set(nodeId ? [nodeId] : [])),
          edges: g.edges.some((e) => e.selected)
            ? g.edges.map((e) => (e.selected ? { ...e, selected: false } : e))
            : g.edges,
        }),
        false,
      );
    },
    [update],
  );

  return {
    onNodesChange,
    onEdgesChange,
    remove,
    connect,
    add,
    replaceTrigger,
    setData,
    rename,
    copy,
    paste,
    selectOnly,
  };
}
