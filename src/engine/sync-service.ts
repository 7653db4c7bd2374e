import { notFound, StratoflowError } from '../domain/errors.js';
import { randomString } from '../domain/random-pool.js';
import type { TraceContext } from '../domain/trace-context.js';
import type { TriggerInput } from '../nodes/contract.js';
import { Cancellation } from './cancellation.js';
import { type ExecutorDeps, executeRun } from './executor.js';
import { applyRunPatch } from './run-commits.js';
import type { RunService } from './run-service.js';
import { assertTriggerInput } from './trigger-input.js';

export interface SyncResponse {
  runId: string;
  /** JSON when the final text parses as JSON, else the text itself. */
  body: unknown;
  isJson: boolean;
  /** The final text as the node produced it (sent as is: a large answer is not serialised again). */
  text: string;
}

/** A synchronous call's template budget, in multiples of one node's (all its nodes together). */
export const SYNC_RENDER_BUDGET_SCALE = 3;

/**
 * `POST /workflows/sync/{id}`: runs a `sync_request_trigger` workflow inline, within the request, and
 * answers with the output of its final `text_transform`. The run is still recorded with its logs.
 */
export function createSyncService(deps: { executor: ExecutorDeps; runs: RunService; timeoutMs: number }) {
  const { executor } = deps;
  const { store, clock } = executor;

  return {
    async execute(
      orgId: string,
      workflowId: string,
      payload: unknown,
      trace: TraceContext | null = null,
    ): Promise<SyncResponse> {
      // The head and the cached compiled version: the definition is neither read nor parsed per call.
      const workflow = await store.getWorkflowHead(orgId, workflowId);
      if (!workflow) throw notFound('Workflow');
      if (workflow.triggerComponent !== 'sync_request_trigger')
        throw new StratoflowError('workflow_not_sync');
      if (!workflow.isActive) throw new StratoflowError('workflow_inactive', 'This workflow is inactive.');
      // A version that is gone fails the run in executeRun, as for any run.
      const compiled = await executor.definitions.get(workflow.versionId);
      if (compiled) assertTriggerInput(compiled.nodes.values(), payload ?? {}, '');
      const owner = `sync:${randomString(6, 'hex')}`;
      const trigger: TriggerInput = { origin: 'sync', payload: { payload: payload ?? {} } };
      const lease = { owner, until: clock.now() + deps.timeoutMs + 10_000 };
      // Stored by its first commit (with its logs), which comes before any node acting outside it.
      const { run } = await deps.runs.start({
        workflow,
        origin: 'sync',
        trigger,
        lease,
        trace,
        unsaved: true,
      });
      const cancellation = new Cancellation();
      const timer = setTimeout(() => cancellation.abort(), deps.timeoutMs);
      // The answer: the text of the last successful text_transform (the run's logs are not read back).
      let text = '';
      const outcome = await executeRun(executor, run, owner, {
        cancellation,
        releaseRequested: () => false,
        // One call may not render more than a few nodes' worth of templates, however many nodes it has.
        renderBudget: executor.templates.budget(undefined, SYNC_RENDER_BUDGET_SCALE),
        unsaved: true,
        onSuccess(componentId, output) {
          if (componentId === 'text_transform')
            text = String((output as { text?: unknown } | null)?.text ?? '');
        },
      }).finally(() => clearTimeout(timer));
      if (cancellation.aborted && outcome === 'lost') {
        const message = `Synchronous execution exceeded ${deps.timeoutMs / 1000} seconds.`;
        const patch = {
          status: 'failed' as const,
          errorMessage: message,
          completedAt: clock.now(),
          releaseLease: true,
        };
        // A run stopped before its first commit was never stored: it is recorded now, failed.
        if (!(await store.commitStep(run.id, owner, null, patch)) && !(await store.getRun(orgId, run.id)))
          await store.insertRunWithLogs(applyRunPatch(run, patch), []);
        executor.telemetry?.runEnded(run, 'failed');
        throw new StratoflowError('sync_timeout', message);
      }
      if (outcome !== 'completed') {
        const failed = await store.getRun(orgId, run.id);
        const error = new StratoflowError(
          'sync_run_failed',
          failed?.errorMessage ?? 'The run did not complete.',
        );
        throw Object.assign(error, { details: [{ run_id: run.id }] });
      }
      try {
        return { runId: run.id, body: JSON.parse(text), isJson: true, text };
      } catch {
        return { runId: run.id, body: text, isJson: false, text };
      }
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
