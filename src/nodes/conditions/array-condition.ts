import { defineNode } from '../contract.js';
import { arrayConditionSchema, evaluateArray } from './array-ops.js';
import { branchOn } from './evaluation.js';
import { arrayConditionOutput } from './outputs.js';

export const arrayCondition = defineNode({
  componentId: 'array_condition',
  kind: 'condition',
  pure: true,
  title: 'Array condition',
  description:
    'Checks whether a list contains an item, is empty, or has a given length, and branches true or false.',
  config: arrayConditionSchema,
  output: arrayConditionOutput,
  outputExample: {
    result: true,
    value: ['wan1', 'lte1'],
    operator: 'length_greater_than',
    compare_to: 1,
    length: 2,
  },
  handles: ['true', 'false'],
  run: (_ctx, config) => branchOn(evaluateArray(config)),
});
