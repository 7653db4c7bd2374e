import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { booleanFlag } from '../conditions/coercions.js';
import { branchOn } from '../conditions/evaluation.js';
import { defineNode } from '../contract.js';
import { type Tags, tagsField } from './tags.js';

export const TAG_OPERATORS = [
  'has_key',
  'has_value',
  'has_key_value',
  'tag_count_equals',
  'tag_count_greater_than',
  'tag_count_less_than',
] as const;
type TagOperator = (typeof TAG_OPERATORS)[number];

const NEEDS: Record<TagOperator, ReadonlyArray<'key' | 'value' | 'count'>> = {
  has_key: ['key'],
  has_value: ['value'],
  has_key_value: ['key', 'value'],
  tag_count_equals: ['count'],
  tag_count_greater_than: ['count'],
  tag_count_less_than: ['count'],
};

const blankToUndefined = (input: unknown) => (input === '' || input === null ? undefined : input);

const config = z
  .object({
    tags: tagsField.describe(
      'The resource\'s tags, e.g. "{{ n2.body.tags | json }}" after get_resource_tags',
    ),
    operator: z.enum(TAG_OPERATORS),
    key: z.preprocess(blankToUndefined, z.string().optional()),
    value: z.preprocess(
      blankToUndefined,
      z.union([z.string(), z.number(), z.boolean()]).transform(String).optional(),
    ),
    count: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).optional()),
    case_sensitive: booleanFlag.default(true),
  })
  .superRefine((c, issues) => {
    for (const field of NEEDS[c.operator]) {
      if (c[field] === undefined)
        issues.addIssue({
          code: 'custom',
          path: [field],
          message: `Required by the ${c.operator} operator.`,
        });
    }
  });
type Config = z.output<typeof config>;

const output = z.object({
  result: z.boolean(),
  operator: z.enum(TAG_OPERATORS),
  value: z.record(z.string(), z.string()).describe('The tags as they were read'),
  compare_to: z.unknown().describe('The key, value, {key, value} or count compared with'),
});

function evaluate(tags: Tags, c: Config): boolean {
  const fold = (text: string) => (c.case_sensitive ? text : text.toLowerCase());
  const entries = [...tags].map(([k, v]) => [fold(k), fold(v)] as const);
  const key = fold(c.key ?? '');
  const value = fold(c.value ?? '');
  const count = c.count ?? 0;
  switch (c.operator) {
    case 'has_key':
      return entries.some(([k]) => k === key);
    case 'has_value':
      return entries.some(([, v]) => v === value);
    case 'has_key_value':
      return entries.some(([k, v]) => k === key && v === value);
    case 'tag_count_equals':
      return tags.size === count;
    case 'tag_count_greater_than':
      return tags.size > count;
    case 'tag_count_less_than':
      return tags.size < count;
    default:
      throw new StratoflowError('node_config_invalid', `Unknown operator ${String(c.operator)}.`);
  }
}

function compareTo(c: Config): unknown {
  if (c.operator === 'has_key') return c.key;
  if (c.operator === 'has_value') return c.value;
  if (c.operator === 'has_key_value') return { key: c.key, value: c.value };
  return c.count;
}

export const resourceHasTags = defineNode({
  componentId: 'resource_has_tags',
  kind: 'condition',
  title: 'Resource has tags',
  description:
    "Checks a resource's tags (an object of key to value or a list of {key, value}, e.g. from get_resource_tags) for a key, a value, a key-value pair or a tag count, and branches true or false.",
  config,
  output,
  outputExample: {
    result: true,
    operator: 'has_key_value',
    value: { env: 'production', region: 'eu' },
    compare_to: { key: 'env', value: 'production' },
  },
  handles: ['true', 'false'],
  run: (_ctx, c) =>
    branchOn({
      result: evaluate(c.tags, c),
      operator: c.operator,
      value: Object.fromEntries(c.tags),
      compare_to: compareTo(c),
    }),
});
