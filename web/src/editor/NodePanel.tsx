import type { Edge } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { type ComponentInfo, type NodeData, nodeTitle } from '../graph/catalogue.js';
import type { FlowNodeType } from '../graph/FlowNode.js';
import { Connections } from './Connections.js';
import type { Issue } from './issues.js';
import { LazyConfigForm as ConfigForm } from './LazyConfigForm.js';
import { RetryFields } from './RetryFields.js';
import { TestNode } from './TestNode.js';

export interface NodePanelProps {
  node: FlowNodeType;
  nodes: readonly FlowNodeType[];
  edges: readonly Edge[];
  components: ReadonlyMap<string, ComponentInfo>;
  issues: readonly Issue[];
  suggestions: readonly string[];
  sampleContext: Record<string, unknown>;
  /** Changes the node's data from its latest value (never from a copy a render may hold). */
  onData(change: (data: NodeData) => NodeData): void;
  onRename(to: string): void;
  onDelete(): void;
  onConnect(sourceHandle: string | null, target: string): void;
  onRemoveEdge(edgeId: string): void;
  onTestResult(output: unknown): void;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** The selected node: id, label and description, its config form, error handling, connections, test. */
export function NodePanel(props: NodePanelProps) {
  const { node, components, issues } = props;
  const component = components.get(node.data.componentId);
  const [id, setId] = useState(node.id);
  useEffect(() => setId(node.id), [node.id]);
  const idProblem =
    id === node.id
      ? null
      : !ID_PATTERN.test(id)
        ? 'Letters, digits, - and _ only.'
        : props.nodes.some((n) => n.id === id)
          ? `'${id}' is taken.`
          : null;
  const general = issues.filter(
    (i) => !i.field || !Object.hasOwn((component?.config_schema.properties as object) ?? {}, i.field),
  );
  const text = (key: 'label' | 'description') =>
    typeof node.data[key] === 'string' ? (node.data[key] as string) : '';
  const setText = (key: 'label' | 'description', value: string) => {
    props.onData((data) => {
      const { [key]: _old, ...rest } = data;
      return value ? { ...rest, [key]: value } : (rest as NodeData);
    });
  };
  return (
    <div className="panel-scroll">
      <header className="panel-header">
        <div className={`panel-kind kind-${component?.kind ?? 'unknown'}`}>
          {component?.kind ?? 'unknown component'}
        </div>
        <h2>{nodeTitle(node.data, component)}</h2>
        {component && <p className="muted">{component.description}</p>}
      </header>
      {general.length > 0 && (
        <div className="notice notice-error" role="alert">
          <ul className="issue-list">
            {general.map((i) => (
              <li key={i.message}>{i.message}</li>
            ))}
          </ul>
        </div>
      )}
      <section className="panel-section" aria-label="Node">
        <div className="field">
          <label htmlFor="node-id">Node ID</label>
          <input
            id="node-id"
            className="input mono"
            value={id}
            onChange={(e) => setId(e.target.value.trim())}
            onBlur={() => {
              if (!idProblem && id !== node.id) props.onRename(id);
              else setId(node.id);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
            }}
            aria-invalid={idProblem ? true : undefined}
            aria-describedby="node-id-hint"
          />
          <span id="node-id-hint" className={idProblem ? 'hint hint-error' : 'hint'}>
            {idProblem ?? (
              <>
                Later nodes read this node's output as <code>{`{{ ${node.id}.field }}`}</code>.
              </>
            )}
          </span>
        </div>
        <div className="field">
          <label htmlFor="node-label">Label</label>
          <input
            id="node-label"
            className="input"
            value={text('label')}
            placeholder={component?.title}
            onChange={(e) => setText('label', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="node-description">Description</label>
          <textarea
            id="node-description"
            className="input"
            rows={2}
            value={text('description')}
            onChange={(e) => setText('description', e.target.value)}
          />
        </div>
      </section>
      {component && (
        <section className="panel-section" aria-labelledby="config-heading">
          <h3 id="config-heading">Configuration</h3>
          <ConfigForm
            nodeId={node.id}
            data={node.data}
            component={component}
            issues={issues}
            suggestions={props.suggestions}
            onChange={props.onData}
          />
        </section>
      )}
      <section className="panel-section" aria-labelledby="errors-heading">
        <h3 id="errors-heading">When it fails</h3>
        <RetryFields nodeId={node.id} data={node.data} onChange={props.onData} />
      </section>
      <section className="panel-section" aria-labelledby="connections-heading">
        <h3 id="connections-heading">Connections</h3>
        <Connections
          node={node}
          nodes={props.nodes}
          edges={props.edges}
          components={components}
          onConnect={props.onConnect}
          onRemove={props.onRemoveEdge}
        />
      </section>
      <section className="panel-section" aria-labelledby="test-heading">
        <h3 id="test-heading">Test</h3>
        <TestNode
          key={node.id}
          node={{ id: node.id, type: node.data.componentId, position: node.position, data: node.data }}
          sampleContext={props.sampleContext}
          onResult={props.onTestResult}
        />
      </section>
      <section className="panel-section">
        <button type="button" className="btn btn-danger" onClick={props.onDelete}>
          Delete node
        </button>
      </section>
    </div>
  );
}
