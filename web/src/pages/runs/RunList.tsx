import { useMemo } from 'react';
import { Link } from 'react-router';
import { useWorkflows } from '../../api/queries.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAddressParams } from '../../layout/useAddressParams.js';
import { Pager } from './Pager.js';
import { RUN_STATUSES, type RunStatus, useRunList } from './queries.js';
import { RunTable } from './RunTable.js';
import './runs.css';

const STATUS_LABELS: Record<RunStatus, string> = {
  pending: 'Pending',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  awaiting_ui_interaction: 'Waiting for input',
};

/**
 * A filterable, paginated list of runs: of one workflow (`workflowId`), or of every workflow with a
 * workflow filter. Filters and page live in the address (?status=&workflow=&page=) so they can be shared.
 */
export function RunList({ workflowId }: { workflowId?: string }) {
  const [params, update] = useAddressParams();
  const status = RUN_STATUSES.find((s) => s === params.get('status'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const workflowFilter = workflowId ?? (params.get('workflow') || undefined);
  const runs = useRunList({ workflowId: workflowFilter, status, page });
  const workflows = useWorkflows();
  const names = useMemo(() => new Map((workflows.data ?? []).map((w) => [w.id, w.name])), [workflows.data]);

  const filtered = Boolean(status || (!workflowId && workflowFilter));

  return (
    <>
      <ErrorNotice error={runs.error} title="The runs could not be loaded" />
      <search className="row" aria-label="Filter runs">
        <label className="row" htmlFor="run-status">
          <span className="label">Status</span>
          <select
            id="run-status"
            className="select"
            value={status ?? ''}
            onChange={(e) => update({ status: e.target.value || undefined, page: undefined })}
          >
            <option value="">All statuses</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        {!workflowId && (
          <label className="row" htmlFor="run-workflow">
            <span className="label">Workflow</span>
            <select
              id="run-workflow"
              className="select"
              value={workflowFilter ?? ''}
              onChange={(e) => update({ workflow: e.target.value || undefined, page: undefined })}
            >
              <option value="">All workflows</option>
              {(workflows.data ?? []).map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {filtered && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => update({ status: undefined, workflow: undefined, page: undefined })}
          >
            Clear filters
          </button>
        )}
        {runs.isFetching && !runs.isPending && <span className="muted">Updating…</span>}
      </search>
      <div className="card">
        {runs.isPending ? (
          <div className="empty">Loading runs…</div>
        ) : !runs.data ? null : runs.data.data.length === 0 ? (
          filtered ? (
            <EmptyState title="No runs match these filters">
              <p>Choose another status or clear the filters.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No runs yet">
              <p>
                A run starts when a trigger fires: its webhook is called, its schedule comes due, or you run
                it from the {workflowId ? <Link to={`/workflows/${workflowId}`}>editor</Link> : 'editor'}.
              </p>
              {!workflowId && <Link to="/workflows">Open a workflow</Link>}
            </EmptyState>
          )
        ) : (
          <RunTable runs={runs.data.data} {...(workflowId ? {} : { workflowNames: names })} />
        )}
      </div>
      {runs.data && (
        <Pager meta={runs.data.meta} onPage={(n) => update({ page: n > 1 ? String(n) : undefined })} />
      )}
    </>
  );
}
