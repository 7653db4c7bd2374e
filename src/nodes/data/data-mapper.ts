import { z } from 'zod';
import { booleanFlag } from '../conditions/coercions.js';
import { defineNode } from '../contract.js';
import { CAST_TYPES, type CastType, castValue } from './casts.js';
import { lookup, pathKeys } from './paths.js';
import { fromJsonText, readArray } from './values.js';

export const MAX_MAPPED_ITEMS = 10_000;

/** A string leaf that is a source path: `$` (the whole source or item) or `$.user.name`, `$.rows[0]`. */
const SOURCE_PATH = /^\$(\.[\w-]+|\[\d+\])*$/;

const LEAF_KEYS = new Set(['$path', '$value', '$default', '$type']);

interface Leaf {
  $path?: string;
  $value?: unknown;
  $default?: unknown;
  $type?: CastType;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isLeaf(value: Record<string, unknown>): boolean {
  return '$path' in value || '$value' in value;
}

/** Save-time problems in a mapping shape, as [path, message] pairs. */
function shapeProblems(
  shape: unknown,
  path: (string | number)[],
  out: [(string | number)[], string][],
): void {
  if (Array.isArray(shape)) {
    for (const [i, item] of shape.entries()) shapeProblems(item, [...path, i], out);
    return;
  }
  if (!isPlainObject(shape)) return;
  if (!isLeaf(shape)) {
    for (const [key, item] of Object.entries(shape)) shapeProblems(item, [...path, key], out);
    return;
  }
  for (const key of Object.keys(shape)) {
    if (!LEAF_KEYS.has(key))
      out.push([[...path, key], `Unknown leaf key; use ${[...LEAF_KEYS].join(', ')}.`]);
  }
  if ('$path' in shape && '$value' in shape) out.push([path, 'A leaf has either $path or $value, not both.']);
  const source = shape.$path;
  if (
    source !== undefined &&
    (typeof source !== 'string' || pathKeys(source.replace(/^\$\.?/, '')) === null)
  ) {
    out.push([[...path, '$path'], 'Expected a path such as "user.name" or "rows[0].id".']);
  }
  if (shape.$type !== undefined && !(CAST_TYPES as readonly unknown[]).includes(shape.$type)) {
    out.push([[...path, '$type'], `Expected one of ${CAST_TYPES.join(', ')}.`]);
  }
}

const shapeSchema = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown())], {
    error: 'Expected the target shape: an object or an array.',
  })
  .superRefine((shape, ctx) => {
    const problems: [(string | number)[], string][] = [];
    shapeProblems(shape, [], problems);
    for (const [path, message] of problems) ctx.addIssue({ code: 'custom', path, message });
  });

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function fieldName(path: (string | number)[]): string {
  return `mapping${path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`;
}

/** Builds the shape for one source value (the whole source, or one item of it). */
function build(shape: unknown, source: unknown, path: (string | number)[]): unknown {
  if (typeof shape === 'string') return SOURCE_PATH.test(shape) ? (read(source, shape) ?? null) : shape;
  if (Array.isArray(shape)) return shape.map((item, i) => build(item, source, [...path, i]));
  if (!isPlainObject(shape)) return shape;
  if (!isLeaf(shape)) {
    return Object.fromEntries(
      Object.entries(shape).map(([key, item]) => [key, build(item, source, [...path, key])]),
    );
  }
  const leaf = shape as Leaf;
  const raw = leaf.$path !== undefined ? read(source, leaf.$path) : leaf.$value;
  const value = isMissing(raw) ? (leaf.$default ?? null) : raw;
  return leaf.$type && value !== null ? castValue(value, leaf.$type, fieldName(path)) : value;
}

function read(source: unknown, path: string): unknown {
  return lookup(source, path.replace(/^\$\.?/, '')).value;
}

export const dataMapper = defineNode({
  componentId: 'data_mapper',
  kind: 'action',
  network: false,
  pure: true,
  title: 'Data mapper',
  description:
    'Builds a new object or array from a target shape. Leaves are templates (a lone `{{ expression }}` keeps its type), source paths (`$.user.name`), or `{"$path" | "$value", "$default", "$type"}` with a default for missing values and a type cast. With `for_each`, maps every item of an array source.',
  config: z.object({
    /** The data that `$` paths read: usually `{{ n1.body }}` (its raw value), or JSON text. */
    source: z.unknown().optional(),
    mapping: shapeSchema,
    /** Maps each item of an array `source` to the shape; the output is the array of results. */
    for_each: booleanFlag.default(false),
  }),
  output: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
  outputExample: { site: 'HQ', wan_count: 2, contact: { email: 'noc@example.org' } },
  handles: [],
  valueFields: ['source', 'mapping'],
  run: (_ctx, config) => {
    if (!config.for_each) return { output: build(config.mapping, fromJsonText(config.source), []) };
    const source = readArray(config.source, 'Data mapper: with for_each, `source`', MAX_MAPPED_ITEMS);
    return { output: source.map((item) => build(config.mapping, item, [])) };
  },
});
