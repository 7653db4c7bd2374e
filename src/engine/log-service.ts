import { notFound } from '../domain/errors.js';
import type { Clock } from '../domain/time.js';
import type { LogFilter, PageRequest, Store } from '../store/store.js';

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

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

    /** `recent_runs` counts the last 30 days; `success_rate` is completed runs among all finished runs, in %. */
    async stats(orgId: string, workflowId: string) {
      await assertWorkflow(orgId, workflowId);
      const [logStatuses, recentRuns, allRuns] = await Promise.all([
        store.countLogsByStatus(orgId, workflowId),
        store.countRunsByStatus(orgId, workflowId, clock.now() - THIRTY_DAYS_MS),
        store.countRunsByStatus(orgId, workflowId, null),
      ]);
      const total = Object.values(allRuns).reduce((sum, n) => sum + (n ?? 0), 0);
      const finished = (allRuns.completed ?? 0) + (allRuns.failed ?? 0);
      const successRate = finished === 0 ? 0 : Math.round(((allRuns.completed ?? 0) / finished) * 1000) / 10;
      return {
        log_statuses: logStatuses,
        recent_runs: recentRuns,
        total_runs: total,
        success_rate: successRate,
      };
    },
  };
}

export type LogService = ReturnType<typeof createLogService>;
