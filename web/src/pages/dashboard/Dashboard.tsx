import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useOrganizationStats, useWorkflows } from '../../api/queries.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { RelativeTime } from '../../components/RelativeTime.js';
import { Page } from '../../layout/Page.js';
import './dashboard.css';

const RunsChart = lazy(() => import('./RunsChart.js'));

/** The organization at a glance: 30 days of runs, success per workflow, the latest failures. */
export function Dashboard() {
  const stats = useOrganizationStats({ refetchInterval: 30_000 });
  const workflows = useWorkflows();
  const days = stats.data?.runs_per_day ?? [];
  const completed = days.reduce((n, d) => n + d.completed, 0);
  const failed = days.reduce((n, d) => n + d.failed, 0);
  const total = days.reduce((n, d) => n + d.completed + d.failed + d.other, 0);
  const rate = completed + failed === 0 ? null : Math.round((completed / (completed + failed)) * 1000) / 10;
  const active = workflows.data?.filter((w) => w.is_active).length;

  return (
    <Page title="Dashboard" subtitle="The last 30 days of your organization’s runs.">
      <ErrorNotice error={stats.error} />
      <div className="kpis">
        <Kpi label="Runs" value={stats.data ? total.toLocaleString() : '…'} />
        <Kpi label="Success rate" value={rate === null ? '—' : `${rate}%`} />
        <Kpi
          label="Failed runs"
          value={stats.data ? failed.toLocaleString() : '…'}
          tone={failed > 0 ? 'danger' : undefined}
        />
        <Kpi
          label="Active workflows"
          value={active === undefined ? '…' : `${active} of ${workflows.data?.length ?? 0}`}
        />
      </div>
      <section className="card" aria-labelledby="chart-title">
        <div className="card-header">
          <h2 id="chart-title">Runs per day</h2>
        </div>
        <div className="card-body">
          {stats.data && total === 0 ? (
            <EmptyState title="No runs in the last 30 days">
              <p>
                Run a workflow from its editor, call its webhook, or give it a schedule — runs show up here.
              </p>
              <Link className="btn btn-primary" to="/workflows">
                Open workflows
              </Link>
            </EmptyState>
          ) : (
            <Suspense fallback={<div className="chart-placeholder" />}>
              {stats.data && <RunsChart days={days} />}
            </Suspense>
          )}
        </div>
      </section>
      <div className="dashboard-columns">
        <section className="card" aria-labelledby="per-workflow-title">
          <div className="card-header">
            <h2 id="per-workflow-title">Success rate per workflow</h2>
          </div>
          {stats.data?.workflows.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Workflow</th>
                  <th>Runs</th>
                  <th>Success</th>
                </tr>
              </thead>
              <tbody>
                {stats.data.workflows.map((w) => (
                  <tr key={w.workflow_id}>
                    <td>
                      <Link to={`/workflows/${w.workflow_id}`}>{w.name}</Link>
                    </td>
                    <td>{w.total_runs.toLocaleString()}</td>
                    <td>
                      {w.completed + w.failed === 0 ? (
                        // Runs still in flight have no outcome yet: not a rate of 0%.
                        <span className="muted">— none finished</span>
                      ) : (
                        <div className="rate">
                          <meter
                            min={0}
                            max={100}
                            value={w.success_rate}
                            aria-label={`Success rate of ${w.name}`}
                          />
                          <span>{w.success_rate}%</span>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="card-body muted">No workflow has run in the last 30 days.</p>
          )}
        </section>
        <section className="card" aria-labelledby="failures-title">
          <div className="card-header">
            <h2 id="failures-title">Recent failures</h2>
          </div>
          {stats.data?.recent_failures.length ? (
            <ul className="failures">
              {stats.data.recent_failures.map((f) => (
                <li key={f.run_id}>
                  <Link
                    to={`/runs/${f.run_id}${f.failed_node_id ? `?node=${encodeURIComponent(f.failed_node_id)}` : ''}`}
                  >
                    <span className="failure-title">
                      {f.workflow_name ?? f.workflow_id}
                      {f.failed_node_id && <code>{f.failed_node_id}</code>}
                    </span>
                    <span className="failure-message">{f.error_message ?? 'Failed without a message'}</span>
                  </Link>
                  <span className="muted">
                    <RelativeTime iso={f.created_at} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="card-body muted">No failed runs. Nothing to fix.</p>
          )}
        </section>
      </div>
    </Page>
  );
}

function Kpi({ label, value, tone }: { label: string; value: string; tone?: 'danger' }) {
  return (
    <div className="card kpi">
      <span className="kpi-label">{label}</span>
      <span className={`kpi-value${tone ? ` kpi-${tone}` : ''}`}>{value}</span>
    </div>
  );
}
