import '@xyflow/react/dist/style.css';
import './graph.css';
import {
  Background,
  Controls,
  type Edge,
  MiniMap,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
} from '@xyflow/react';
import { type JSX, useCallback, useMemo, useState } from 'react';
import { useComponents } from '../api/queries.js';
import { handlesByNode, type NodeData } from './catalogue.js';
import { GraphContext, type RunNodeState, type RunNodeStatus } from './context.js';
import { FitOnResize } from './FitOnResize.js';
import { type FlowNodeType, nodeTypes } from './FlowNode.js';
import { minimapColor } from './minimap.js';
import { layeredPositions, positionsCollide } from './place.js';

export type { RunNodeStatus };

export interface RunGraphProps {
  nodes: Array<{
    id: string;
    type?: string;
    position: { x: number; y: number };
    data: Record<string, unknown> & { componentId: string };
  }>;
  edges: Array<{
    id: string;
    source: string;
    target: string;
    sourceHandle?: string | null;
    targetHandle?: string | null;
  }>;
  states: Record<string, { status: RunNodeStatus; durationMs?: number | null }>;
  selectedNodeId: string | null;
  onSelectNode(nodeId: string | null): void;
}

/** A small graph fits the canvas whole; the minimap would only cover its nodes. */
const MINIMAP_FROM_NODES = 15;

const FIT = { padding: 0.15, maxZoom: 1.1 };

const REACHED = new Set<RunNodeStatus>(['success', 'error', 'running', 'waiting']);

/** A run's graph, read-only: every node coloured by how it fared, with its duration; click or Enter selects. */
export function RunGraph(props: RunGraphProps): JSX.Element {
  const { nodes, edges, states, selectedNodeId, onSelectNode } = props;
  const catalogue = useComponents();
  const components = useMemo(
    () => new Map((catalogue.data ?? []).map((c) => [c.componentId, c])),
    [catalogue.data],
  );
  // Sizes the canvas measured, handed back as controlled nodes must be (the minimap draws from them).
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  // Workflows made over the API may leave every node at 0,0: lay those out instead of stacking them.
  const positions = useMemo(
    () => (positionsCollide(nodes) ? layeredPositions(nodes, edges, handlesByNode(nodes, components)) : null),
    [nodes, edges, components],
  );
  const flowNodes = useMemo<FlowNodeType[]>(
    () =>
      nodes.map((n) => ({
        ...(measured[n.id] ? { measured: measured[n.id] } : {}),
        id: n.id,
        type: 'step',
        position: positions?.get(n.id) ?? n.position,
        data: n.data as NodeData,
        selected: n.id === selectedNodeId,
        draggable: false,
        connectable: false,
      })),
    [nodes, selectedNodeId, measured, positions],
  );
  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((e) => {
        const taken =
          states[e.source]?.status === 'success' && REACHED.has(states[e.target]?.status as RunNodeStatus);
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          sourceHandle: e.sourceHandle ?? null,
          targetHandle: e.targetHandle ?? null,
          className: taken ? 'is-taken' : 'is-idle',
          animated: states[e.target]?.status === 'running',
          focusable: false,
          selectable: false,
        };
      }),
    [edges, states],
  );
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNodeType>[]) => {
      let chosen: string | null | undefined;
      const sizes: Record<string, { width: number; height: number }> = {};
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions;
        if (change.type !== 'select') continue;
        if (change.selected) chosen = change.id;
        else if (chosen === undefined && change.id === selectedNodeId) chosen = null;
      }
      if (Object.keys(sizes).length > 0) setMeasured((m) => ({ ...m, ...sizes }));
      if (chosen !== undefined && chosen !== selectedNodeId) onSelectNode(chosen);
    },
    [onSelectNode, selectedNodeId],
  );
  const context = useMemo(
    () => ({ components, states: states as Record<string, RunNodeState>, readOnly: true }),
    [components, states],
  );
  return (
    <GraphContext.Provider value={context}>
      <ReactFlowProvider>
        <div className="flow-canvas run-graph">
          <ReactFlow
            nodes={flowNodes}
            edges={flowEdges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onPaneClick={() => onSelectNode(null)}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable
            multiSelectionKeyCode={null}
            selectionKeyCode={null}
            deleteKeyCode={null}
            fitView
            fitViewOptions={FIT}
            minZoom={0.1}
            onlyRenderVisibleElements={nodes.length > 100}
            proOptions={{ hideAttribution: true }}
            aria-label="Run graph"
          >
            <FitOnResize {...FIT} />
            <Background gap={20} size={1} />
            <Controls showInteractive={false} />
            {nodes.length > MINIMAP_FROM_NODES && (
              <MiniMap
                pannable
                zoomable
                nodeColor={(n) => minimapColor(n as FlowNodeType, states, components)}
              />
            )}
          </ReactFlow>
        </div>
      </ReactFlowProvider>
    </GraphContext.Provider>
  );
}

export default RunGraph;
