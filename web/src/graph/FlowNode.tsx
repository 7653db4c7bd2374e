import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { formatDuration } from '../components/RelativeTime.js';
import { isTrigger, type NodeData, nodeTitle, outputHandles } from './catalogue.js';
import { useGraphContext } from './context.js';

export type FlowNodeType = Node<NodeData, 'step'>;

const STATUS_LABELS: Record<string, string> = {
  success: 'succeeded',
  error: 'failed',
  skipped: 'skipped',
  not_reached: 'not reached',
  running: 'running',
  waiting: 'waiting',
};

/** A node on the canvas: kind stripe, title, id and component, its handles, and a problem or run badge. */
function FlowNodeView({ id, data, selected }: NodeProps<FlowNodeType>) {
  const { components, issues, states, readOnly } = useGraphContext();
  const component = components.get(data.componentId);
  const kind = component?.kind ?? 'unknown';
  const handles = outputHandles(data, component);
  const problems = issues?.get(id);
  const state = states?.[id];
  const classes = ['flow-node', `flow-node-${kind}`];
  if (selected) classes.push('is-selected');
  if (problems?.length) classes.push('has-issues');
  if (state) classes.push(`status-${state.status}`);
  const title = nodeTitle(data, component);
  const description = typeof data.description === 'string' ? data.description : '';
  return (
    <div className={classes.join(' ')} title={description || component?.description}>
      {!isTrigger(component) && (
        <Handle type="target" position={Position.Top} isConnectable={!readOnly} className="flow-handle" />
      )}
      <div className="flow-node-body">
        <div className="flow-node-kind">{component ? kind : 'unknown component'}</div>
        <div className="flow-node-title">{title}</div>
        <div className="flow-node-meta">
          <code>{id}</code> · {data.componentId}
        </div>
        {state && (
          <div className="flow-node-state">
            <span className="flow-node-dot" aria-hidden="true" />
            {STATUS_LABELS[state.status]}
            {state.durationMs !== undefined && state.durationMs !== null && (
              <span className="flow-node-duration">{formatDuration(state.durationMs)}</span>
            )}
          </div>
        )}
      </div>
      {problems && problems.length > 0 && (
        <span className="flow-node-badge" title={problems.join('\n')}>
          {problems.length}
          <span className="visually-hidden"> problem{problems.length > 1 ? 's' : ''}</span>
        </span>
      )}
      {handles.length === 0 ? (
        <Handle type="source" position={Position.Bottom} isConnectable={!readOnly} className="flow-handle" />
      ) : (
        <div className="flow-node-outputs">
          {handles.map((handle) => (
            <div key={handle || '(plain)'} className={`flow-node-output output-${handle || 'plain'}`}>
              <span className="flow-node-output-label">{handle || 'next'}</span>
              <Handle
                type="source"
                position={Position.Bottom}
                id={handle || null}
                isConnectable={!readOnly}
                className={`flow-handle flow-handle-${handle || 'plain'}`}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const FlowNode = memo(FlowNodeView);

export const nodeTypes = { step: FlowNode };
