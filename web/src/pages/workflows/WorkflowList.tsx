import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { keys, useOrganizationStats, useWorkflows } from '../../api/queries.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { RelativeTime } from '../../components/RelativeTime.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { Page } from '../../layout/Page.js';
import { ImportWorkflowButton } from './ImportWorkflow.js';
import { NewWorkflowButton } from './NewWorkflow.js';
import { scheduleSummary } from './schedule.js';
import { WorkflowActions } from './WorkflowActions.js';

/** Every workflow of the organization: search, activate, schedule, last result. */
export function WorkflowList() {
  const workflows = useWorkflows();
  const stats = useOrganizationStats();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const lastRun = useMemo(
    () => new Map((stats.data?.last_runs ?? []).map((r) => [r.workflow_id, r])),
    [stats.data],
  );
  const rate = useMemo(
    () => new Map((stats.data?.workflows ?? []).map((w) => [w.workflow_id, w])),
    [stats.data],
  );
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      unwrap(
        api.PUT('/workflows/{workflowId}', {
          params: { path: { workflowId: id } },
          body: { is_active: active },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.workflows }),
  });

  const needle = search.trim().toLowerCase();
  const shown = (workflows.data ?? []).filter(
    (w) =>
      !needle ||
      w.name.toLowerCase().includes(needle) ||
      (w.description ?? '').toLowerCase().includes(needle),
  );

  return (
    <Page
      title="Workflows"
      subtitle="Graphs of a trigger, actions and conditions. Open one to edit it on the canvas."
      actions={
        <div className="row">
          <ImportWorkflowButton />
          <NewWorkflowButton />
        </div>
      }
    >
      <ErrorNotice error={workflows.error ?? toggle.error} />
      <div className="row">
        <label className="visually-hidden" htmlFor="search">
          Search workflows
        </label>
        <input
          id="search"
          className="input"
          type="search"
          placeholder="Search by name or description"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 320 }}
        />
        <span className="muted">{workflows.data ? `${shown.length} of ${workflows.data.length}` : ''}</span>
      </div>
      <div className="card">
        {workflows.isPending ? (
          <div className="empty">Loading workflows…</div>
        ) : workflows.data && workflows.data.length === 0 ? (
          <EmptyState title="No workflows yet">
            <p>Create one and add a trigger, then actions and conditions on the canvas.</p>
            <NewWorkflowButton />
          </EmptyState>
        ) : shown.length === 0 ? (
          <EmptyState title="Nothing matches your search" />
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th className="wide-only">Active</th>
                <th className="wide-only">Schedule</th>
                <th>Last run</th>
                <th className="wide-only">Success (30 days)</th>
                <th className="wide-only">Updated</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((w) => {
                const last = lastRun.get(w.id);
                const success = rate.get(w.id);
                return (
                  <tr key={w.id}>
                    <td>
                      <Link to={`/workflows/${w.id}`}>{w.name}</Link>
                      {w.description && <div className="muted">{w.description}</div>}
                    </td>
                    <td className="wide-only">
                      <label className="switch" title={w.is_active ? 'Active: triggers fire' : 'Inactive'}>
                        <input
                          type="checkbox"
                          role="switch"
                          aria-checked={w.is_active}
                          aria-label={`Active: ${w.name}`}
                          checked={w.is_active}
                          onChange={(e) => toggle.mutate({ id: w.id, active: e.target.checked })}
                        />
                        <span />
                      </label>
                    </td>
                    <td className="wide-only">
                      {scheduleSummary(w)}
                      {w.next_run_at && (
                        <div className="muted">
                          next <RelativeTime iso={w.next_run_at} />
                        </div>
                      )}
                    </td>
                    <td>
                      <StatusBadge status={last?.status} />
                      {last && (
                        <div className="muted">
                          <Link className="plain-link" to={`/runs/${last.run_id}`}>
                            <RelativeTime iso={last.created_at} />
                          </Link>
                        </div>
                      )}
                    </td>
                    <td className="wide-only">
                      {success && success.completed + success.failed > 0 ? (
                        <span title={`${success.completed} completed, ${success.failed} failed`}>
                          {success.success_rate}% <span className="muted">of {success.total_runs}</span>
                        </span>
                      ) : (
                        // No run has an outcome yet (or none ran): not a rate of 0%.
                        <span className="muted">{success ? '— none finished' : '—'}</span>
                      )}
                    </td>
                    <td className="wide-only">
                      <RelativeTime iso={w.updated_at} />
                    </td>
                    <td style={{ textAlign: 'right' }}>
                      <WorkflowActions workflow={w} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </Page>
  );
}
