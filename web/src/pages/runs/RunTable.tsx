import { Link } from 'react-router';
import { formatDuration, RelativeTime } from '../../components/RelativeTime.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { originLabel, runDurationMs } from './format.js';
import type { RunSummary } from './queries.js';

/** Runs as a table: each row opens the run inspector; `workflowNames` adds a workflow column. */
export function RunTable({
  runs,
  workflowNames,
}: {
  runs: RunSummary[];
  workflowNames?: ReadonlyMap<string, string>;
}) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Run</th>
          {workflowNames && <th>Workflow</th>}
          <th>Status</th>
          <th>Trigger</th>
          <th>Started</th>
          <th>Duration</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>
              <Link to={`/runs/${run.id}`} aria-label={`Run ${run.id}`} className="mono">
                {run.id}
              </Link>
            </td>
            {workflowNames && (
              <td>
                <Link to={`/workflows/${run.workflow_id}/runs`}>
                  {workflowNames.get(run.workflow_id) ?? run.workflow_id}
                </Link>
              </td>
            )}
            <td>
              <StatusBadge status={run.status} />
              {run.error_message && (
                <div className="muted run-error-snippet" title={run.error_message}>
                  {run.error_message}
                </div>
              )}
            </td>
            <td>{originLabel(run.origin)}</td>
            <td>
              <RelativeTime iso={run.started_at} />
            </td>
            <td>{formatDuration(runDurationMs(run))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
