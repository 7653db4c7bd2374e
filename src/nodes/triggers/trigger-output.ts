import { z } from 'zod';
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

/**
 * The schema of a trigger's output: the three reserved keys, the trigger's own `extra` fields, and any
 * other top-level key of what started the run (`{{ n1.user_id }}`).
 */
export function triggerOutputSchema<T extends z.ZodRawShape>(
  triggerType: string,
  extra: T,
  spreadFrom: string,
) {
  return z
    .object({
      trigger_type: z.literal(triggerType),
      run_id: z.string().describe('The run this trigger started'),
      workflow_id: z.string(),
      ...extra,
    })
    .catchall(z.unknown().describe(`Every other top-level key of ${spreadFrom}, copied in as is`));
}

/** An example trigger output; `fields` stand for the copied-in keys and the trigger's own. */
export function triggerExample(
  triggerType: string,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return {
    trigger_type: triggerType,
    run_id: 'fl_run_01jdq7w3k8d2m4n6p8r0t2v4x6',
    workflow_id: 'fl_01jdq7v9y1b3c5d7f9h1k3m5n7',
    ...fields,
  };
}
