import { Link } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { JsonView } from '../../components/JsonView.js';
import { formatDuration, RelativeTime } from '../../components/RelativeTime.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { Run, RunGraphData, RunLog } from './queries.js';

type NodeState = RunGraphData['node_states'][string];
type GraphNode = RunGraphData['nodes'][number];

/** The error a failed attempt logged: `{error, code}` in its output. */
function errorOf(log: RunLog | undefined): { message: string; code: string | null } | null {
  if (log?.status !== 'error') return null;
  const output = (log.output ?? {}) as { error?: unknown; code?: unknown };
  return {
    message: typeof output.error === 'string' ? output.error : 'The node failed.',
    code: typeof output.code === 'string' ? output.code : null,
  };
}

/** One node of the run: status, timing, attempts, error, input and output. */
export function NodePanel({
  run,
  node,
  state,
  logs,
  onResume,
  resuming,
  resumeError,
  onClose,
}: {
  run: Run;
  node: GraphNode;
  state: NodeState | undefined;
  logs: RunLog[];
  onResume(): void;
  resuming: boolean;
  resumeError: unknown;
  onClose(): void;
}) {
  const last = logs.at(-1);
  const error = errorOf(last);
  const label = typeof node.data.label === 'string' ? node.data.label : node.id;
  const canResume = run.status === 'failed' && state?.status === 'success';
  return (
    <section className="card node-panel" aria-labelledby="node-panel-title">
      <div className="card-header">
        <div className="grow stack" style={{ gap: 0 }}>
          <h2 id="node-panel-title">{label}</h2>
          <span className="muted mono">
            {label === node.id ? node.data.componentId : `${node.id} · ${node.data.componentId}`}
          </span>
        </div>
        <StatusBadge status={state?.status ?? 'not_reached'} />
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={onClose}
          aria-label="Close node details"
        >
          ✕
        </button>
      </div>
      <div className="card-body stack">
        <dl className="facts">
          <div>
            <dt>Duration</dt>
            <dd>{formatDuration(state?.duration_ms)}</dd>
          </div>
          <div>
            <dt>Attempts</dt>
            <dd>{state?.attempts ?? 0}</dd>
          </div>
          <div>
            <dt>Finished</dt>
            <dd>{last ? <RelativeTime iso={last.created_at} /> : '—'}</dd>
          </div>
          {state?.waiting_until && (
            <div>
              <dt>Wakes</dt>
              <dd>
                <RelativeTime iso={state.waiting_until} />
              </dd>
            </div>
          )}
        </dl>
        {state?.inherited && (
          <div className="notice notice-info">
            <span>
              Result kept from the original run
              {run.original_run_id && (
                <>
                  {' '}
                  <Link to={`/runs/${run.original_run_id}?node=${encodeURIComponent(node.id)}`}>
                    (open it there)
                  </Link>
                </>
              )}
              ; this run did not execute the node again.
            </span>
          </div>
        )}
        {error && (
          <div className="notice notice-error" role="alert">
            <div className="stack" style={{ gap: 2 }}>
              <strong>Error</strong>
              <span className="node-error-message">{error.message}</span>
              {error.code && (
                <span className="muted">
                  <code>{error.code}</code> ·{' '}
                  <a href={`/errors#${error.code}`} target="_blank" rel="noreferrer">
                    What does this mean?
                  </a>
                </span>
              )}
            </div>
          </div>
        )}
        {last && last.warnings.length > 0 && (
          <div className="notice notice-warning" role="status">
            <div className="stack" style={{ gap: 2 }}>
              <strong>Undefined variables</strong>
              <span className="muted">These template reads rendered empty:</span>
              <ul className="node-warnings">
                {last.warnings.map((warning) => (
                  <li key={warning} className="mono">
                    {warning}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        )}
        {state?.status === 'skipped' && (
          <p className="muted">Skipped: the branch leading here was not taken in this run.</p>
        )}
        {state?.status === 'not_reached' && (
          <p className="muted">Not reached: the run ended before this node could run.</p>
        )}
        {state?.status === 'running' && <p className="muted">Running now…</p>}
        {run.status === 'failed' && (
          <div className="row">
            <button
              type="button"
              className="btn"
              onClick={onResume}
              disabled={!canResume || resuming}
              aria-describedby="resume-hint"
            >
              {resuming ? 'Resuming…' : 'Resume from here'}
            </button>
            <span id="resume-hint" className="muted">
              {canResume
                ? 'Starts a new run that keeps the results up to this node and continues after it.'
                : 'Resume is possible from a node that succeeded.'}
            </span>
          </div>
        )}
        <ErrorNotice error={resumeError} title="The run could not be resumed" />
        {last && (
          <>
            <JsonView label="Input" value={last.input} />
            <JsonView label={last.status === 'error' ? 'Output (error)' : 'Output'} value={last.output} />
          </>
        )}
        {logs.length > 1 && (
          <div className="stack">
            <span className="label">Attempts</span>
            <table className="table table-compact">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Status</th>
                  <th>Duration</th>
                  <th>Finished</th>
                </tr>
              </thead>
              <tbody>
                {logs.map((log) => (
                  <tr key={log.id}>
                    <td>{log.attempt}</td>
                    <td>
                      <StatusBadge status={log.status} />
                      {errorOf(log) && <div className="muted">{errorOf(log)?.message}</div>}
                    </td>
                    <td>{formatDuration(log.duration_ms)}</td>
                    <td>
                      <RelativeTime iso={log.created_at} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
