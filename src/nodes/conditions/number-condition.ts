import { defineNode } from '../contract.js';
import { branchOn } from './evaluation.js';
import { evaluateNumber, numberConditionSchema } from './number-ops.js';

export const numberCondition = defineNode({
  componentId: 'number_condition',
  kind: 'condition',
  title: 'Number condition',
  description: 'Compares a number with another (or a range) and branches true or false.',
  config: numberConditionSchema,
  handles: ['true', 'false'],
  run: (_ctx, config) => branchOn(evaluateNumber(config)),
});
