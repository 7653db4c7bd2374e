import { defineNode } from '../contract.js';
import { booleanConditionSchema, evaluateBoolean } from './boolean-ops.js';
import { branchOn } from './evaluation.js';
import { booleanConditionOutput } from './outputs.js';

export const booleanCondition = defineNode({
  componentId: 'boolean_condition',
  kind: 'condition',
  pure: true,
  title: 'Boolean condition',
  description:
    'Checks whether a value is true or false (accepting "yes"/"no", "1"/"0"...) and branches accordingly.',
  config: booleanConditionSchema,
  output: booleanConditionOutput,
  outputExample: { result: true, value: true, operator: 'is_true', compare_to: null },
  handles: ['true', 'false'],
  run: (_ctx, config) => branchOn(evaluateBoolean(config)),
});
