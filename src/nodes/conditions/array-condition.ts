import { defineNode } from '../contract.js';
import { arrayConditionSchema, evaluateArray } from './array-ops.js';
import { branchOn } from './evaluation.js';

export const arrayCondition = defineNode({
  componentId: 'array_condition',
  kind: 'condition',
  title: 'Array condition',
  description:
    'Checks whether a list contains an item, is empty, or has a given length, and branches true or false.',
  config: arrayConditionSchema,
  handles: ['true', 'false'],
  run: (_ctx, config) => branchOn(evaluateArray(config)),
});
