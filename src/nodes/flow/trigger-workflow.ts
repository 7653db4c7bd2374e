import { z } from 'zod';
import { booleanFlag } from '../conditions/coercions.js';
import { defineNode } from '../contract.js';
import { checkChild, childKey, waitForChild } from './child-run.js';

const config = z.object({
  workflow_id: z.string().min(1),
  /** Values are templates, already rendered by the engine. */
  input: z.record(z.string(), z.unknown()).default({}),
  wait_for_completion: booleanFlag.default(true),
});

interface Memo {
  polls?: number;
  runId: string;
}

/**
 * Starts a run of another workflow (whose trigger is `workflow_trigger` or `subflow_trigger`) with
 * `input`. Waiting, the child's final output becomes this node's output and a failed child fails it.
 */
export const triggerWorkflow = defineNode({
  componentId: 'trigger_workflow',
  kind: 'action',
  network: false,
  title: 'Trigger another workflow',
  description: 'Starts another workflow with mapped input, optionally waiting for its result.',
  config,
  output: z.union([
    z
      .object({ run_id: z.string(), status: z.literal('pending') })
      .describe('wait_for_completion off: the started run'),
    z.unknown().describe("wait_for_completion on: the child run's final output (its last node's output)"),
  ]),
  outputExample: { text: 'checked 3 sites' },
  handles: [],
  async run(ctx, cfg) {
    const memo = ctx.memo as Memo | null;
    const runId = memo?.runId ?? (await ctx.runs.start(cfg.workflow_id, cfg.input, childKey(ctx))).runId;
    if (!cfg.wait_for_completion) return { output: { run_id: runId, status: 'pending' } };
    const state = await checkChild(ctx, runId);
    if (!state.done) return waitForChild<Memo>(ctx, { runId, polls: memo?.polls ?? 0 });
    return { output: state.output };
  },
});
