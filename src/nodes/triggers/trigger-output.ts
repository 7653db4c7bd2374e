import type { NodeContext } from '../contract.js';

const RESERVED = new Set(['trigger_type', 'run_id', 'workflow_id']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The output every trigger shares: `{trigger_type, run_id, workflow_id, ...fields}`. Top-level fields of
 * `spread` are copied in (so `{{ n1.user_id }}` works) but can never overwrite the three reserved keys.
 */
export function triggerOutput(
  ctx: NodeContext,
  triggerType: string,
  extra: Record<string, unknown>,
  spread: unknown,
): Record<string, unknown> {
  const output: Record<string, unknown> = {
    trigger_type: triggerType,
    run_id: ctx.runId,
    workflow_id: ctx.workflowId,
  };
  if (isPlainObject(spread)) {
    for (const [key, value] of Object.entries(spread)) {
      if (!RESERVED.has(key)) output[key] = value;
    }
  }
  for (const [key, value] of Object.entries(extra)) output[key] = value;
  return output;
}
