import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { arrayConditionFields, evaluateArray, requireArrayOperands } from './array-ops.js';
import { booleanConditionFields, evaluateBoolean } from './boolean-ops.js';
import { dateConditionFields, evaluateDate, requireDateOperands } from './date-ops.js';
import type { ConditionEvaluation } from './evaluation.js';
import { evaluateNumber, numberConditionFields, requireNumberOperands } from './number-ops.js';
import { evaluateString, requireStringOperands, stringConditionFields } from './string-ops.js';

/** How deeply groups may nest; the outermost group is level 1. */
export const MAX_GROUP_DEPTH = 10;

/** One typed comparison inside a group: the fields of the matching single-condition node plus `type`. */
export const leafConditionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('string'), ...stringConditionFields }).superRefine(requireStringOperands),
  z.object({ type: z.literal('number'), ...numberConditionFields }).superRefine(requireNumberOperands),
  z.object({ type: z.literal('date'), ...dateConditionFields }).superRefine(requireDateOperands),
  z.object({ type: z.literal('boolean'), ...booleanConditionFields }),
  z.object({ type: z.literal('array'), ...arrayConditionFields }).superRefine(requireArrayOperands),
]);
export type LeafCondition = z.output<typeof leafConditionSchema>;

const groupOperator = z.preprocess(
  (operator) => (typeof operator === 'string' ? operator.trim().toLowerCase() : operator),
  z.enum(['and', 'or']),
);

export const conditionGroupSchema = z.object({
  operator: groupOperator,
  get conditions() {
    return z
      .array(z.union([leafConditionSchema, conditionGroupSchema]))
      .min(1, 'A group needs at least one condition.');
  },
});
export type ConditionGroup = z.output<typeof conditionGroupSchema>;

/** The group schema with its nesting limit, for the node's config. */
export const logicalGroupSchema = conditionGroupSchema.superRefine((group, ctx) => {
  const depth = groupDepth(group);
  if (depth > MAX_GROUP_DEPTH) {
    ctx.addIssue({
      code: 'custom',
      path: ['conditions'],
      message: `Groups nest ${depth} levels deep; the limit is ${MAX_GROUP_DEPTH}.`,
    });
  }
});

export function groupDepth(group: ConditionGroup): number {
  let deepest = 0;
  for (const condition of group.conditions) {
    if ('conditions' in condition) deepest = Math.max(deepest, groupDepth(condition));
  }
  return deepest + 1;
}

export type Skipped = { skipped: true };
export interface GroupEvaluation {
  result: boolean;
  operator: 'and' | 'or';
  conditions: (ConditionEvaluation | GroupEvaluation | Skipped)[];
}

/**
 * Combines conditions with AND or OR, left to right, stopping at the first one that decides the result
 * (the rest are reported as skipped), so an earlier check can guard a later one. A failing leaf fails
 * the node, its message prefixed with where it sits (`conditions[1].conditions[0]`).
 */
export function evaluateGroup(group: ConditionGroup, nowMs: number, path = 'conditions'): GroupEvaluation {
  const decisive = group.operator === 'or';
  let result = !decisive;
  const conditions: GroupEvaluation['conditions'] = group.conditions.map((condition, index) => {
    if (result === decisive) return { skipped: true };
    const where = `${path}[${index}]`;
    const evaluation =
      'conditions' in condition
        ? evaluateGroup(condition, nowMs, `${where}.conditions`)
        : evaluateLeaf(condition, nowMs, where);
    result = evaluation.result;
    return evaluation;
  });
  return { result, operator: group.operator, conditions };
}

function evaluateLeaf(leaf: LeafCondition, nowMs: number, where: string): ConditionEvaluation {
  try {
    const evaluation = evaluateByType(leaf, nowMs);
    return { type: leaf.type, ...evaluation };
  } catch (error) {
    if (error instanceof StratoflowError) throw new StratoflowError(error.code, `${where}: ${error.message}`);
    throw error;
  }
}

function evaluateByType(leaf: LeafCondition, nowMs: number): ConditionEvaluation {
  switch (leaf.type) {
    case 'string':
      return evaluateString(leaf);
    case 'number':
      return evaluateNumber(leaf);
    case 'date':
      return evaluateDate(leaf, nowMs);
    case 'boolean':
      return evaluateBoolean(leaf);
    case 'array':
      return evaluateArray(leaf);
  }
}
