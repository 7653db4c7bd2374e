import { defineNode } from '../contract.js';
import { branchOn } from './evaluation.js';
import { stringConditionOutput } from './outputs.js';
import { evaluateString, stringConditionSchema } from './string-ops.js';

export const stringCondition = defineNode({
  componentId: 'string_condition',
  kind: 'condition',
  pure: true,
  title: 'String condition',
  description:
    'Compares a text value with an operator (equals, contains, regex...) and branches true or false.',
  config: stringConditionSchema,
  output: stringConditionOutput,
  outputExample: {
    result: true,
    value: 'HQ-Core-01',
    operator: 'starts_with',
    compare_to: 'HQ',
    case_sensitive: true,
  },
  handles: ['true', 'false'],
  run: (_ctx, config) => branchOn(evaluateString(config)),
});
