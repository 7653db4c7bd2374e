import type { Edge } from '@xyflow/react';
import { useState } from 'react';
import { type ComponentInfo, isTrigger, nodeTitle, outputHandles } from '../graph/catalogue.js';
import type { FlowNodeType } from '../graph/FlowNode.js';

/** The node's outgoing edges, and a way to add one without a pointer. */
export function Connections({
  node,
  nodes,
  edges,
  components,
  onConnect,
  onRemove,
}: {
  node: FlowNodeType;
  nodes: readonly FlowNodeType[];
  edges: readonly Edge[];
  components: ReadonlyMap<string, ComponentInfo>;
  onConnect(sourceHandle: string | null, target: string): void;
  onRemove(edgeId: string): void;
}) {
  const handles = outputHandles(node.data, components.get(node.data.componentId));
  const choices = handles.length === 0 ? [''] : handles;
  const [handle, setHandle] = useState(choices[0] ?? '');
  const targets = nodes.filter((n) => n.id !== node.id && !isTrigger(components.get(n.data.componentId)));
  const [target, setTarget] = useState('');
  const outgoing = edges.filter((e) => e.source === node.id);
  const title = (id: string) => {
    const n = nodes.find((x) => x.id === id);
    return n ? `${nodeTitle(n.data, components.get(n.data.componentId))} (${id})` : id;
  };
  return (
    <div className="stack">
      {outgoing.length === 0 ? (
        <p className="muted">No outgoing connections.</p>
      ) : (
        <ul className="connections">
          {outgoing.map((e) => (
            <li key={e.id}>
              {e.sourceHandle && <code className="handle-tag">{e.sourceHandle}</code>}
              <span className="grow">→ {title(e.target)}</span>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => onRemove(e.id)}
                aria-label={`Remove connection to ${e.target}`}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {targets.length > 0 && (
        <div className="connect-row">
          {choices.length > 1 && (
            <select
              className="select"
              aria-label="Output"
              value={handle}
              onChange={(e) => setHandle(e.target.value)}
            >
              {choices.map((h) => (
                <option key={h} value={h}>
                  {h || 'next'}
                </option>
              ))}
            </select>
          )}
          <select
            className="select grow"
            aria-label="Connect to"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value="">Connect to…</option>
            {targets.map((n) => (
              <option key={n.id} value={n.id}>
                {title(n.id)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-small"
            disabled={!target}
            onClick={() => {
              onConnect(handle || null, target);
              setTarget('');
            }}
          >
            Connect
          </button>
        </div>
      )}
    </div>
  );
}
