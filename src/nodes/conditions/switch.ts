import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { defineNode } from '../contract.js';
import { booleanFlag, scalarText } from './coercions.js';
import { switchOutput } from './outputs.js';
import {
  evaluateString,
  requireStringOperands,
  STRING_OPERATORS,
  type StringCondition,
} from './string-ops.js';

export const DEFAULT_HANDLE = 'default';

const caseSchema = z
  .object({
    /** The handle this case fires; unique within the switch. */
    id: z.string().trim().min(1, 'A case needs an id.'),
    operator: z.enum(STRING_OPERATORS).default('equals'),
    compare_to: scalarText.optional(),
    /** Overrides the switch-wide `case_sensitive` for this case. */
    case_sensitive: booleanFlag.optional(),
  })
  .superRefine(requireStringOperands);

const switchSchema = z
  .object({
    value: scalarText,
    cases: z.array(caseSchema).min(1, 'A switch needs at least one case.'),
    case_sensitive: booleanFlag.default(true),
  })
  .superRefine(({ cases }, ctx) => {
    const seen = new Set<string>();
    cases.forEach(({ id }, index) => {
      if (id === DEFAULT_HANDLE || seen.has(id)) {
        const reason =
          id === DEFAULT_HANDLE ? 'is reserved for the fallback handle' : 'is used by an earlier case';
        ctx.addIssue({
          code: 'custom',
          path: ['cases', index, 'id'],
          message: `The case id "${id}" ${reason}.`,
        });
      }
      seen.add(id);
    });
  });

function matches(caseId: string, condition: StringCondition): boolean {
  try {
    return evaluateString(condition).result;
  } catch (error) {
    if (error instanceof StratoflowError)
      throw new StratoflowError(error.code, `Case "${caseId}": ${error.message}`);
    throw error;
  }
}

export const switchNode = defineNode({
  componentId: 'switch',
  kind: 'condition',
  pure: true,
  title: 'Switch',
  description: 'Routes down the first case whose string comparison matches the value, or down "default".',
  config: switchSchema,
  output: switchOutput,
  outputExample: { value: 'critical', matched: 'page_oncall', operator: 'equals', compare_to: 'critical' },
  handles: [DEFAULT_HANDLE],
  dynamicHandlesDoc: 'one per case, named by its `id`; the first case that matches fires',
  dynamicHandles: (config) => config.cases.map((switchCase) => switchCase.id),
  run: (_ctx, config) => {
    const { value } = config;
    for (const switchCase of config.cases) {
      const { id, operator, compare_to } = switchCase;
      const case_sensitive = switchCase.case_sensitive ?? config.case_sensitive;
      if (matches(id, { value, operator, compare_to, case_sensitive })) {
        return { output: { value, matched: id, operator, compare_to: compare_to ?? null }, handle: id };
      }
    }
    return { output: { value, matched: null, operator: null, compare_to: null }, handle: DEFAULT_HANDLE };
  },
});
