import { notFound } from '../domain/errors.js';
import { type Clock, formatTimestamp } from '../domain/time.js';
import type { LogFilter, PageRequest, Store } from '../store/store.js';
import { countByStatus, runsPerDay, successRate, windowStart } from './run-activity.js';

/** How many days the activity charts cover. */
export const ACTIVITY_DAYS = 30;
const RECENT_FAILURES = 10;

/** Reading logs and their statistics. */
export function createLogService(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;

  async function assertWorkflow(orgId: string, workflowId: string) {
    if (!(await store.getWorkflow(orgId, workflowId))) throw notFound('Workflow');
  }

  return {
    recent: (orgId: string) => store.recentLogs(orgId),

    async list(orgId: string, workflowId: string, filter: LogFilter, page: PageRequest) {
      await assertWorkflow(orgId, workflowId);
      return store.listLogs(orgId, workflowId, filter, page);
    },

    /**
     * `recent_runs` counts the runs of the last 30 UTC days, today included: the days `runs_per_day`
     * charts (decision 0037). `success_rate` is completed runs among all finished runs, in %.
     */
    async stats(orgId: string, workflowId: string) {
      await assertWorkflow(orgId, workflowId);
      const now = clock.now();
      const [logStatuses, allRuns, perDay] = await Promise.all([
        store.countLogsByStatus(orgId, workflowId),
        store.countRunsByStatus(orgId, workflowId),
        store.countRunsPerDay(orgId, windowStart(now, ACTIVITY_DAYS), workflowId),
      ]);
      const total = Object.values(allRuns).reduce((sum, n) => sum + (n ?? 0), 0);
      return {
        log_statuses: logStatuses,
        recent_runs: countByStatus(perDay),
        total_runs: total,
        success_rate: successRate(allRuns.completed ?? 0, allRuns.failed ?? 0),
        runs_per_day: runsPerDay(perDay, now, ACTIVITY_DAYS),
      };
    },

    /** The organization's last 30 days: runs per day, per-workflow outcomes, and the latest failures. */
    async organizationStats(orgId: string) {
      const now = clock.now();
      const [perDay, failures, workflows, latest] = await Promise.all([
        store.countRunsPerDay(orgId, windowStart(now, ACTIVITY_DAYS)),
        store.recentFailedRuns(orgId, RECENT_FAILURES),
        store.listWorkflows(orgId),
        store.latestRuns(orgId),
      ]);
      const names = new Map(workflows.map((w) => [w.id, w.name]));
      const byWorkflow = new Map<string, { completed: number; failed: number; total: number }>();
      for (const c of perDay) {
        const entry = byWorkflow.get(c.workflowId) ?? { completed: 0, failed: 0, total: 0 };
        entry.total += c.count;
        if (c.status === 'completed') entry.completed += c.count;
        if (c.status === 'failed') entry.failed += c.count;
        byWorkflow.set(c.workflowId, entry);
      }
      return {
        days: ACTIVITY_DAYS,
        runs_per_day: runsPerDay(perDay, now, ACTIVITY_DAYS),
        workflows: [...byWorkflow]
          .filter(([id]) => names.has(id))
          .map(([id, c]) => ({
            workflow_id: id,
            name: names.get(id) as string,
            total_runs: c.total,
            completed: c.completed,
            failed: c.failed,
            success_rate: successRate(c.completed, c.failed),
          }))
          .sort((x, y) => y.total_runs - x.total_runs),
        last_runs: latest.map((run) => ({
          workflow_id: run.workflowId,
          run_id: run.id,
          status: run.status,
          created_at: formatTimestamp(run.createdAt),
        })),
        recent_failures: failures.map((run) => ({
          run_id: run.id,
          workflow_id: run.workflowId,
          workflow_name: names.get(run.workflowId) ?? null,
          failed_node_id: run.failedNodeId,
          error_message: run.errorMessage,
          created_at: formatTimestamp(run.createdAt),
        })),
      };
    },
  };
}

export type LogService = ReturnType<typeof createLogService>;
