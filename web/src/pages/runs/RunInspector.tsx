import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CopyButton } from '../../components/CopyButton.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { JsonView } from '../../components/JsonView.js';
import { formatDuration, RelativeTime } from '../../components/RelativeTime.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { RunGraph } from '../../graph/RunGraph.js';
import { Page } from '../../layout/Page.js';
import { useAddressParams } from '../../layout/useAddressParams.js';
import { originLabel, runDurationMs } from './format.js';
import { NodePanel } from './NodePanel.js';
import {
  isRunEnded,
  type Run,
  type RunGraphData,
  useRerun,
  useResume,
  useRun,
  useRunGraph,
  useWorkflow,
} from './queries.js';
import { StepList } from './StepList.js';
import { type LiveMode, useLiveRun } from './useLiveRun.js';
import { WaitingForms } from './WaitingForms.js';
import './runs.css';

/** Re-renders every second while `active` (a running run's duration). */
function useTicker(active: boolean) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
}

const LIVE_LABELS: Record<LiveMode, string | null> = {
  off: null,
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Checking for updates',
};

/** /ui/runs/:runId: the run's graph coloured by node status, each node's details, re-run and resume. */
export default function RunInspector() {
  const { runId = '' } = useParams();
  const run = useRun(runId);
  const graph = useRunGraph(runId);
  const workflow = useWorkflow(run.data?.workflow_id ?? '');
  const following = Boolean(run.data && graph.data && !isRunEnded(run.data.status));
  const live = useLiveRun(runId, following);
  useTicker(following);

  const name = workflow.data?.name;
  const title = name ? `${name} · run` : 'Run';
  const error = run.error ?? graph.error;
  return (
    <Page
      title={title}
      subtitle={
        <span className="row" style={{ gap: 6 }}>
          <code>{runId}</code>
          <CopyButton text={runId} label="Copy id" />
        </span>
      }
      actions={run.data && <RunActions run={run.data} live={live} />}
    >
      <ErrorNotice error={error} title="The run could not be loaded" />
      {run.data && graph.data && <Inspector run={run.data} graph={graph.data} />}
      {(run.isPending || graph.isPending) && !error && <div className="empty">Loading the run…</div>}
    </Page>
  );
}

function RunActions({ run, live }: { run: Run; live: LiveMode }) {
  const navigate = useNavigate();
  const rerun = useRerun();
  const label = LIVE_LABELS[live];
  return (
    <div className="stack" style={{ alignItems: 'flex-end', gap: 4 }}>
      <div className="row">
        {label && (
          <span className={`live-indicator live-${live}`} role="status">
            {label}
          </span>
        )}
        <Link className="btn" to={`/workflows/${run.workflow_id}/runs`}>
          Runs of this workflow
        </Link>
        <Link className="btn" to={`/workflows/${run.workflow_id}`}>
          Open workflow
        </Link>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!isRunEnded(run.status) || rerun.isPending}
          title={
            isRunEnded(run.status)
              ? 'Run again with the same trigger payload'
              : 'Possible once the run has ended'
          }
          onClick={() =>
            rerun.mutate(run.id, { onSuccess: (result) => navigate(`/runs/${result.new_run.id}`) })
          }
        >
          {rerun.isPending ? 'Starting…' : 'Re-run'}
        </button>
      </div>
      <ErrorNotice error={rerun.error} title="The run could not be re-run" />
    </div>
  );
}

function Inspector({ run, graph }: { run: Run; graph: RunGraphData }) {
  const navigate = useNavigate();
  const resume = useResume();
  const [params, updateParams] = useAddressParams();
  // No ?node= yet: a failed run opens on the node that failed.
  const selected = params.has('node') ? params.get('node') || null : run.failed_node_id;
  const select = (nodeId: string | null) => {
    updateParams({ node: nodeId ?? '' }, { replace: true });
    resume.reset();
  };
  const states = useMemo(
    () =>
      Object.fromEntries(
        Object.entries(graph.node_states).map(([id, s]) => [
          id,
          { status: s.status, durationMs: s.duration_ms },
        ]),
      ),
    [graph.node_states],
  );
  const logsByNode = useMemo(() => {
    const map = new Map<string, NonNullable<Run['logs']>>();
    for (const log of run.logs ?? []) map.set(log.node_id, [...(map.get(log.node_id) ?? []), log]);
    return map;
  }, [run.logs]);
  const node = graph.nodes.find((n) => n.id === selected);
  const failedNode = run.failed_node_id;

  return (
    <>
      <RunFacts run={run} />
      {run.error_message && (
        <div className="notice notice-error" role="alert">
          <div className="stack" style={{ gap: 2 }}>
            <strong>Run failed{failedNode ? ` at node ${failedNode}` : ''}</strong>
            <span>{run.error_message}</span>
            {failedNode && selected !== failedNode && (
              <span>
                <button type="button" className="btn btn-small" onClick={() => select(failedNode)}>
                  Show the failed node
                </button>
              </span>
            )}
          </div>
        </div>
      )}
      {run.status === 'awaiting_ui_interaction' && (
        <>
          <div className="notice notice-info" role="status">
            <span>
              <strong>Waiting for input.</strong> This run paused on a form and continues once someone answers
              it, here or in the <Link to="/inbox">Inbox</Link>.
            </span>
          </div>
          <WaitingForms runId={run.id} />
        </>
      )}
      <div className={`inspector ${node ? 'with-panel' : ''}`}>
        <section className="card inspector-graph" aria-label="Run graph">
          <div className="card-header">
            <h2>Graph</h2>
            <span className="muted grow">
              {node ? '' : 'Select a node for its input, output and timing.'}
            </span>
            <Legend states={graph.node_states} />
          </div>
          <RunGraph
            nodes={graph.nodes}
            edges={graph.edges}
            states={states}
            selectedNodeId={selected}
            onSelectNode={select}
          />
        </section>
        {node && (
          <NodePanel
            run={run}
            node={node}
            state={graph.node_states[node.id]}
            logs={logsByNode.get(node.id) ?? []}
            resuming={resume.isPending}
            resumeError={resume.error}
            onClose={() => select(null)}
            onResume={() =>
              resume.mutate(
                { runId: run.id, nodeId: node.id },
                { onSuccess: (result) => navigate(`/runs/${result.new_run.id}`) },
              )
            }
          />
        )}
      </div>
      <StepList graph={graph} logs={run.logs ?? []} selected={selected} onSelect={select} />
      <details className="card trigger-payload">
        <summary className="card-header">
          <h2>Trigger payload</h2>
        </summary>
        <div className="card-body">
          <JsonView value={run.trigger_payload} />
        </div>
      </details>
    </>
  );
}

/** Status, trigger, start, duration and where the run came from. */
function RunFacts({ run }: { run: Run }) {
  return (
    <dl className="card card-body facts run-facts">
      <div>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={run.status} />
        </dd>
      </div>
      <div>
        <dt>Trigger</dt>
        <dd>{originLabel(run.origin)}</dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>
          <RelativeTime iso={run.started_at} />
        </dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd>{formatDuration(runDurationMs(run))}</dd>
      </div>
      {run.original_run_id && (
        <div>
          <dt>{run.resumed_from_node_id ? 'Resumed from' : 'Re-run of'}</dt>
          <dd>
            <Link to={`/runs/${run.original_run_id}`} className="mono">
              {run.original_run_id}
            </Link>
            {run.resumed_from_node_id && (
              <>
                {' '}
                after node <code>{run.resumed_from_node_id}</code>
              </>
            )}
          </dd>
        </div>
      )}
      {run.parent_run_id && (
        <div>
          <dt>Started by</dt>
          <dd>
            <Link to={`/runs/${run.parent_run_id}`} className="mono">
              {run.parent_run_id}
            </Link>
          </dd>
        </div>
      )}
    </dl>
  );
}

const ORDER = ['success', 'error', 'running', 'waiting', 'skipped', 'not_reached'] as const;

/** How many nodes are in each state. */
function Legend({ states }: { states: RunGraphData['node_states'] }) {
  const counts = new Map<string, number>();
  for (const s of Object.values(states)) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return (
    <ul className="legend" aria-label="Node states">
      {ORDER.filter((s) => counts.has(s)).map((s) => (
        <li key={s}>
          <StatusBadge status={s} /> {counts.get(s)}
        </li>
      ))}
    </ul>
  );
}
