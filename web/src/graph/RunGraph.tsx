import { formatDuration } from '../components/RelativeTime.js';
import { StatusBadge } from '../components/StatusBadge.js';

/**
 * STUB of the run canvas: the nodes as a keyboard-reachable list with their status badges. The canvas
 * version (@xyflow/react) replaces this file with the same contract.
 */
export type RunNodeStatus = 'success' | 'error' | 'skipped' | 'not_reached' | 'running' | 'waiting';

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

// Inline styles: this stub leaves no stylesheet behind when the canvas replaces it.
const LIST = {
  listStyle: 'none',
  margin: 0,
  padding: 12,
  display: 'flex',
  flexWrap: 'wrap',
  gap: 8,
  alignContent: 'flex-start',
} as const;
const ITEM = { height: 'auto', padding: '6px 10px', gap: 8 } as const;

export function RunGraph({ nodes, states, selectedNodeId, onSelectNode }: RunGraphProps) {
  return (
    <ul aria-label="Nodes of the run" style={LIST}>
      {nodes.map((node) => {
        const state = states[node.id];
        const label = typeof node.data.label === 'string' ? node.data.label : node.id;
        return (
          <li key={node.id}>
            <button
              type="button"
              aria-pressed={selectedNodeId === node.id}
              data-node-id={node.id}
              data-node-status={state?.status ?? 'not_reached'}
              onClick={() => onSelectNode(selectedNodeId === node.id ? null : node.id)}
              className="btn"
              style={{
                ...ITEM,
                ...(selectedNodeId === node.id
                  ? { borderColor: 'var(--accent)', background: 'var(--accent-soft)' }
                  : {}),
              }}
            >
              <strong>{label}</strong>
              <span className="muted">{node.data.componentId}</span>
              <StatusBadge status={state?.status ?? 'not_reached'} />
              {state?.durationMs !== undefined && state.durationMs !== null && (
                <span className="muted">{formatDuration(state.durationMs)}</span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export default RunGraph;
