import { z } from 'zod';

/**
 * What each condition node outputs: its verdict and the operands as it understood them after coercion
 * (see evaluation.ts), so `{{ n3.result }}` and the run log show why a branch was taken.
 */

const verdict = {
  result: z.boolean().describe('The verdict; the node follows its `true` or `false` handle'),
  operator: z.string(),
};

export const stringConditionOutput = z.object({
  ...verdict,
  value: z.string(),
  compare_to: z.string().nullable(),
  case_sensitive: z.boolean(),
});

export const numberConditionOutput = z.object({
  ...verdict,
  value: z.number().describe('The value read as a number'),
  compare_to: z.number(),
  compare_to_end: z.number().optional().describe('`between` only: the other bound'),
});

export const dateConditionOutput = z.object({
  ...verdict,
  value: z.string().nullable().describe('The value as an ISO date-time in `timezone`'),
  timezone: z.string(),
  compare_to: z
    .union([z.string(), z.number(), z.null()])
    .describe('The other date (ISO), the number of days, or null (`is_today`)'),
  compare_to_end: z.string().nullable().optional().describe('`is_between` only: the other bound'),
  now: z.string().nullable().optional().describe('`is_today` and `within_*` only: the time compared with'),
});

export const booleanConditionOutput = z.object({
  ...verdict,
  value: z.boolean().describe('The value read as a truth value'),
  compare_to: z.null(),
});

export const arrayConditionOutput = z.object({
  ...verdict,
  value: z.array(z.unknown()).describe('The value read as an array'),
  compare_to: z.unknown().describe('The item looked for, the length compared with, or null'),
  length: z.number().int().optional().describe('`length_*` only: the array length'),
});

const leafEvaluation = z.discriminatedUnion('type', [
  stringConditionOutput.extend({ type: z.literal('string') }),
  numberConditionOutput.extend({ type: z.literal('number') }),
  dateConditionOutput.extend({ type: z.literal('date') }),
  booleanConditionOutput.extend({ type: z.literal('boolean') }),
  arrayConditionOutput.extend({ type: z.literal('array') }),
]);

const skipped = z
  .object({ skipped: z.literal(true) })
  .describe('Not evaluated: an earlier condition already decided the group');

export const groupEvaluationOutput = z.object({
  result: z.boolean().describe('The verdict; the node follows its `true` or `false` handle'),
  operator: z.enum(['and', 'or']),
  get conditions() {
    return z
      .array(z.union([leafEvaluation, groupEvaluationOutput, skipped]))
      .describe('Each condition in order: a typed evaluation, a nested group, or skipped');
  },
});

export const switchOutput = z.object({
  value: z.string(),
  matched: z.string().nullable().describe('The id of the case that matched (its handle); null: `default`'),
  operator: z.string().nullable(),
  compare_to: z.string().nullable(),
});
