import { StratoflowError } from '../domain/errors.js';
import { resolveRefs } from '../domain/payload-refs.js';
import { runSpanId } from '../domain/trace-context.js';
import type { RunRecord } from '../domain/types.js';
import type { SubRunPort, TriggerInput } from '../nodes/contract.js';
import type { Store } from '../store/store.js';
import type { StartRunOptions } from './run-service.js';
import { triggerInputMismatch } from './trigger-input.js';

const CALLABLE_TRIGGERS = new Set(['workflow_trigger', 'subflow_trigger']);

export interface SubRunDeps {
  store: Store;
  start(options: StartRunOptions): Promise<{ run: RunRecord }>;
  /** Deepest chain of workflows calling workflows (default 5). */
  maxDepth: number;
}

/** The final output of a finished run: the output of its last successful node. */
async function finalOutput(store: Store, run: RunRecord): Promise<unknown> {
  const logs = await store.listRunLogs(run.id);
  for (let i = logs.length - 1; i >= 0; i--)
    if (logs[i]?.status === 'success')
      return resolveRefs(logs[i]?.output ?? null, run.triggerPayload.payload);
  return null;
}

/** Child runs started by nodes of `parent`: same org, idempotent per key, depth-limited. */
export function createSubRunPort(deps: SubRunDeps, parent: RunRecord): SubRunPort {
  return {
    async start(workflowId, input, key) {
      const workflow = await deps.store.getWorkflow(parent.orgId, workflowId);
      if (!workflow) throw new StratoflowError('node_failed', `Workflow ${workflowId} does not exist.`);
      if (!CALLABLE_TRIGGERS.has(workflow.triggerComponent)) {
        throw new StratoflowError(
          'node_failed',
          `Workflow ${workflowId} cannot be called: its trigger must be workflow_trigger or subflow_trigger.`,
        );
      }
      if (!workflow.isActive) throw new StratoflowError('node_failed', `Workflow ${workflowId} is inactive.`);
      if (parent.depth + 1 > deps.maxDepth) {
        throw new StratoflowError(
          'node_failed',
          `Workflow call depth limit reached: at most ${deps.maxDepth} levels of workflows calling workflows.`,
        );
      }
      const mismatch = triggerInputMismatch(workflow.definition.nodes, input);
      if (mismatch) {
        const where = mismatch.path ? `${mismatch.path} ` : 'the input ';
        throw new StratoflowError(
          'node_failed',
          `Input for workflow ${workflowId} does not match its input_schema: ${where}${mismatch.message}.`,
        );
      }
      const origin = workflow.triggerComponent === 'subflow_trigger' ? 'subflow' : 'workflow';
      const trigger: TriggerInput = { origin, payload: input };
      const { run } = await deps.start({
        workflow,
        origin: 'workflow',
        trigger,
        idempotencyKey: `${parent.id}.${key}`,
        parentRunId: parent.id,
        depth: parent.depth + 1,
        // The child joins the parent's trace, under the parent run's span.
        ...(parent.trace ? { trace: { ...parent.trace, parentSpanId: runSpanId(parent.id) } } : {}),
      });
      return { runId: run.id };
    },
    async find(key) {
      const run = await deps.store.getRunByIdempotencyKey(parent.orgId, `${parent.id}.${key}`);
      return run && run.parentRunId === parent.id ? { runId: run.id } : null;
    },
    async get(runId) {
      const run = await deps.store.getRun(parent.orgId, runId);
      if (!run) return null;
      const output = run.status === 'completed' ? await finalOutput(deps.store, run) : null;
      return { status: run.status, output, errorMessage: run.errorMessage };
    },
  };
}
