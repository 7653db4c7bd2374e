import { StratoflowError } from '../domain/errors.js';
import type { WorkflowNode } from '../domain/types.js';
import { checkInput, type InputMismatch, type InputSchema } from '../nodes/triggers/input-schema.js';

/** Triggers whose `input_schema` is enforced on what a caller sends. */
const SCHEMA_TRIGGERS = new Set(['workflow_trigger', 'sync_request_trigger']);

function schemaOf(nodes: Iterable<WorkflowNode>): InputSchema {
  for (const node of nodes) {
    if (SCHEMA_TRIGGERS.has(node.data.componentId)) return node.data.input_schema as InputSchema;
  }
  return undefined;
}

/**
 * The first way `input` breaks the `input_schema` of the trigger among a definition's `nodes`, or null
 * (also with no schema).
 */
export function triggerInputMismatch(nodes: Iterable<WorkflowNode>, input: unknown): InputMismatch | null {
  return checkInput(schemaOf(nodes), input);
}

/**
 * API callers (execute's `context`, the sync API's body): 422 `parameter_invalid` whose `param` points
 * into the request (`context.site_id`, or `site_id` for a body that is the input itself).
 */
export function assertTriggerInput(nodes: Iterable<WorkflowNode>, input: unknown, prefix: string): void {
  const mismatch = triggerInputMismatch(nodes, input);
  if (!mismatch) return;
  const param = [prefix, mismatch.path].filter(Boolean).join('.') || 'body';
  throw new StratoflowError(
    'parameter_invalid',
    `The input does not match the workflow's input_schema: ${param} ${mismatch.message}.`,
    param,
  );
}
