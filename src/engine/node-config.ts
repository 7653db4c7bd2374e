import type { z } from 'zod';
import { nullRecord } from '../domain/records.js';
import type { WorkflowNode } from '../domain/types.js';

/**
 * Keys of `node.data` that describe the node rather than configure its component. `operation` is not
 * one of them: components that define one (`date_transform`, `string_utils`) read it as config, and the
 * others' schemas ignore it. Display keys editors store on a node (`notes`, `icon`, `color`) are
 * accepted so exported workflows import unchanged.
 */
export const NODE_METADATA_KEYS = [
  'componentId',
  'uiId',
  'description',
  'label',
  'continue_on_error',
  'retry',
  'notes',
  'icon',
  'color',
] as const;

const METADATA = new Set<string>(NODE_METADATA_KEYS);

export function isMetadataKey(key: string): boolean {
  return METADATA.has(key);
}

interface ZodDefLike {
  type: string;
  shape?: Record<string, unknown>;
  catchall?: { _zod: { def: ZodDefLike } };
  options?: readonly unknown[];
  left?: unknown;
  right?: unknown;
  in?: unknown;
  innerType?: unknown;
  getter?: () => unknown;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/**
 * The top-level keys a component's config schema names, or null when it accepts any key (a schema
 * with a catch-all, a record, or one this walk does not understand).
 */
export function knownConfigKeys(schema: unknown): Set<string> | null {
  const def = (schema as { _zod?: { def?: ZodDefLike } } | null)?._zod?.def;
  if (!def) return null;
  if (def.type === 'object') {
    if (def.catchall && def.catchall._zod.def.type !== 'never') return null;
    return new Set(Object.keys(def.shape ?? {}));
  }
  if (WRAPPERS.has(def.type)) return knownConfigKeys(def.innerType);
  if (def.type === 'pipe') return knownConfigKeys(def.in);
  if (def.type === 'lazy' && def.getter) return knownConfigKeys(def.getter());
  const parts =
    def.type === 'union' ? (def.options ?? []) : def.type === 'intersection' ? [def.left, def.right] : null;
  if (!parts) return null;
  const keys = new Set<string>();
  for (const part of parts) {
    const more = knownConfigKeys(part);
    if (!more) return null;
    for (const key of more) keys.add(key);
  }
  return keys;
}

/**
 * The component's own config: `node.data` without the metadata keys, except those the component reads
 * as config (`configMetadata`, e.g. a form's `description`, shown to the person who answers it). A
 * null-prototype map: keys such as `__proto__` stay plain keys.
 */
export function componentConfig(
  node: WorkflowNode,
  component?: { configMetadata?: readonly string[] },
): Record<string, unknown> {
  return nullRecord(
    Object.entries(node.data).filter(
      ([key]) => !METADATA.has(key) || component?.configMetadata?.includes(key),
    ),
  );
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
 * A config problem in words: a field that is absent is "`method` is required" (zod would say what it
 * expected of `undefined`), anything else `path: zod's message`.
 */
export function describeConfigIssue(issue: z.core.$ZodIssue, config: Record<string, unknown>): string {
  const path = issue.path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
  const parent = valueAt(config, issue.path.slice(0, -1));
  // A refinement's own message (code `custom`) already says what is missing and why; it is kept.
  const absent =
    issue.code !== 'custom' &&
    issue.path.length > 0 &&
    parent !== null &&
    typeof parent === 'object' &&
    valueAt(config, issue.path) === undefined;
  if (absent) return `\`${path}\` is required.`;
  return `${path ? `${path}: ` : ''}${issue.message}`;
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
