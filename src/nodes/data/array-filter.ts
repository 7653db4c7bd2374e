import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import {
  type ConditionGroup,
  conditionGroupSchema,
  evaluateGroup,
  groupDepth,
  leafConditionSchema,
  MAX_GROUP_DEPTH,
} from '../conditions/group-ops.js';
import { defineNode } from '../contract.js';
import { lookup, pathKeys } from './paths.js';
import { readArray } from './values.js';

export const MAX_FILTER_ITEMS = 10_000;

/**
 * A rule is a typed condition of the condition nodes (string, number, date, boolean, array: the same
 * operators and coercions) whose `value` is read from each item at `field` (`status`, `user.age`,
 * `tags[0]`; empty for the item itself). Groups nest with AND/OR as in `logical_group`.
 */
interface ItemRule {
  field: string;
  type: string;
  [option: string]: unknown;
}
interface ItemGroup {
  operator: string;
  conditions: (ItemRule | ItemGroup)[];
}

/** A stand-in `value` per type, so a rule's operator and operands are checked at save time. */
const SAMPLE_VALUE: Record<string, unknown> = {
  string: '',
  number: 0,
  date: '2000-01-01',
  boolean: true,
  array: [],
};

const ruleSchema = z
  .object({ field: z.string({ error: 'Expected the item field to test, e.g. "status".' }), type: z.string() })
  .passthrough()
  .superRefine((rule, ctx) => {
    if (pathKeys(rule.field) === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['field'],
        message: 'Expected a path such as "status" or "user.age".',
      });
    }
    const parsed = leafConditionSchema.safeParse({ ...rule, value: SAMPLE_VALUE[rule.type] ?? '' });
    for (const issue of parsed.error?.issues ?? []) {
      if (issue.path[0] !== 'value') ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
    }
  });

const groupSchema: z.ZodType<ItemGroup> = z.object({
  operator: z.string().refine((operator) => ['and', 'or'].includes(operator.trim().toLowerCase()), {
    error: 'Expected "and" or "or".',
  }),
  get conditions() {
    return z.array(z.union([ruleSchema, groupSchema])).min(1, 'A group needs at least one condition.');
  },
}) as unknown as z.ZodType<ItemGroup>;

function depthOf(group: ItemGroup): number {
  return groupDepth(group as unknown as ConditionGroup);
}

/** The group with every rule's `value` taken from `item`, checked by the condition nodes' own schema. */
function bind(group: ItemGroup, item: unknown): unknown {
  return {
    operator: group.operator,
    conditions: group.conditions.map((condition) => {
      if ('conditions' in condition) return bind(condition as ItemGroup, item);
      const { field, ...rule } = condition as ItemRule;
      const value = lookup(item, field).value;
      return { ...rule, value: value === undefined ? null : value };
    }),
  };
}

function matches(group: ItemGroup, item: unknown, index: number, now: number): boolean {
  const bound = conditionGroupSchema.safeParse(bind(group, item));
  if (!bound.success) {
    const issue = bound.error.issues[0];
    throw new StratoflowError(
      'node_failed',
      `Array filter: items[${index}]: ${issue?.path.join('.') ?? 'rules'}: ${issue?.message ?? 'not comparable'}`,
    );
  }
  try {
    return evaluateGroup(bound.data, now, 'rules.conditions').result;
  } catch (error) {
    if (error instanceof StratoflowError) {
      throw new StratoflowError(error.code, `Array filter: items[${index}]: ${error.message}`);
    }
    throw error;
  }
}

export const arrayFilter = defineNode({
  componentId: 'array_filter',
  kind: 'action',
  network: false,
  pure: true,
  title: 'Array filter',
  description:
    'Keeps (include) or drops (exclude) the items of an array that match nested AND/OR rules over item fields, with the operators of the condition nodes. Outputs the items and their count.',
  config: z
    .object({
      /** The array: `{{ n1.rows }}` (its raw value) or JSON text. */
      items: z.unknown(),
      mode: z.enum(['include', 'exclude']).default('include'),
      rules: groupSchema,
    })
    .superRefine((c, ctx) => {
      const depth = depthOf(c.rules);
      if (depth > MAX_GROUP_DEPTH) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules'],
          message: `Groups nest ${depth} levels deep; the limit is ${MAX_GROUP_DEPTH}.`,
        });
      }
    }),
  output: z.object({ items: z.array(z.unknown()), count: z.number().int(), total: z.number().int() }),
  outputExample: { items: [{ name: 'HQ', status: 'offline' }], count: 1, total: 4 },
  handles: [],
  valueFields: ['items'],
  run: (ctx, config) => {
    const items = readArray(config.items, 'Array filter: items', MAX_FILTER_ITEMS);
    const now = ctx.clock.now();
    const keep = config.mode === 'include';
    const kept = items.filter((item, index) => matches(config.rules, item, index, now) === keep);
    return { output: { items: kept, count: kept.length, total: items.length } };
  },
});
