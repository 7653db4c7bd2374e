import type { z } from 'zod';
import type { WorkflowNode } from '../domain/types.js';

/**
 * Keys of `node.data` that describe the node rather than configure its component. `operation` is not
 * one of them: components that define one (`date_transform`, `string_utils`) read it as config, and the
 * others' schemas ignore it.
 */
export const NODE_METADATA_KEYS = [
  'componentId',
  'uiId',
  'description',
  'label',
  'continue_on_error',
  'retry',
] as const;

const METADATA = new Set<string>(NODE_METADATA_KEYS);

/**
 * The component's own config: `node.data` without the metadata keys, except those the component reads
 * as config (`configMetadata`, e.g. a form's `description`, shown to the person who answers it).
 */
export function componentConfig(
  node: WorkflowNode,
  component?: { configMetadata?: readonly string[] },
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node.data)) {
    if (!METADATA.has(key) || component?.configMetadata?.includes(key)) config[key] = value;
  }
  return config;
}

export function hasTemplate(value: unknown): boolean {
  return typeof value === 'string' && (value.includes('{{') || value.includes('{%'));
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Save-time check of a node's config against its component schema. A field whose raw value is a
 * Liquid template cannot be judged before the run, so problems reported on such fields are ignored.
 */
export function checkConfigAtSave(schema: z.ZodType, config: Record<string, unknown>): z.core.$ZodIssue[] {
  const result = schema.safeParse(config);
  if (result.success) return [];
  return result.error.issues.filter((issue) => !hasTemplate(valueAt(config, issue.path)));
}
