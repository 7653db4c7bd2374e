import { StratoflowError } from '../domain/errors.js';
import type { WorkflowDefinition } from '../domain/types.js';
import { checkInput, type InputMismatch, type InputSchema } from '../nodes/triggers/input-schema.js';

/** Triggers whose `input_schema` is enforced on what a caller sends. */
const SCHEMA_TRIGGERS = new Set(['workflow_trigger', 'sync_request_trigger']);

function schemaOf(definition: WorkflowDefinition): InputSchema {
  const trigger = definition.nodes.find((n) => SCHEMA_TRIGGERS.has(n.data.componentId));
  return trigger?.data.input_schema as InputSchema;
}

/** The first way `input` breaks the workflow trigger's `input_schema`, or null (also with no schema). */
export function triggerInputMismatch(definition: WorkflowDefinition, input: unknown): InputMismatch | null {
  return checkInput(schemaOf(definition), input);
}

/**
 * API callers (execute's `context`, the sync API's body): 422 `parameter_invalid` whose `param` points
 * into the request (`context.site_id`, or `site_id` for a body that is the input itself).
 */
export function assertTriggerInput(definition: WorkflowDefinition, input: unknown, prefix: string): void {
  const mismatch = triggerInputMismatch(definition, input);
  if (!mismatch) return;
  const param = [prefix, mismatch.path].filter(Boolean).join('.') || 'body';
  throw new StratoflowError(
    'parameter_invalid',
    `The input does not match the workflow's input_schema: ${param} ${mismatch.message}.`,
    param,
  );
}
