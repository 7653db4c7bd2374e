import { formatDuration, RelativeTime } from '../../components/RelativeTime.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { RunGraphData, RunLog } from './queries.js';

/**
 * Every node as a row, in the order the run reached them (then the ones it did not): the list view of
 * the graph, readable and keyboard-friendly at any size.
 */
export function StepList({
  graph,
  logs,
  selected,
  onSelect,
}: {
  graph: RunGraphData;
  logs: RunLog[];
  selected: string | null;
  onSelect(nodeId: string): void;
}) {
  const firstSeen = new Map<string, number>();
  logs.forEach((log, i) => {
    if (!firstSeen.has(log.node_id)) firstSeen.set(log.node_id, i);
  });
  // Results kept from the original run came first, then the order of the logs, then the rest.
  const position = (id: string) =>
    graph.node_states[id]?.inherited ? -1 : (firstSeen.get(id) ?? Number.MAX_SAFE_INTEGER);
  const nodes = graph.nodes
    .map((node, index) => ({ node, index }))
    .sort((a, b) => position(a.node.id) - position(b.node.id) || a.index - b.index);
  return (
    <section className="card" aria-labelledby="steps-title">
      <div className="card-header">
        <h2 id="steps-title">Steps</h2>
        <span className="muted">{graph.nodes.length} nodes</span>
      </div>
      <table className="table table-compact steps">
        <thead>
          <tr>
            <th>Node</th>
            <th>Component</th>
            <th>Status</th>
            <th>Attempts</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map(({ node }) => {
            const state = graph.node_states[node.id];
            return (
              <tr key={node.id} className={selected === node.id ? 'selected' : undefined} data-step={node.id}>
                <td>
                  <button type="button" className="link-button" onClick={() => onSelect(node.id)}>
                    {typeof node.data.label === 'string' ? node.data.label : node.id}
                  </button>
                </td>
                <td className="muted">{node.data.componentId}</td>
                <td data-step-status={state?.status ?? 'not_reached'}>
                  <StatusBadge status={state?.status ?? 'not_reached'} />
                  {state?.inherited && <span className="muted"> · kept from the original run</span>}
                  {state?.waiting_until && (
                    <span className="muted">
                      {' '}
                      · wakes <RelativeTime iso={state.waiting_until} />
                    </span>
                  )}
                </td>
                <td>{state?.attempts ?? 0}</td>
                <td>{formatDuration(state?.duration_ms)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
