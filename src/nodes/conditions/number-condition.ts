import { defineNode } from '../contract.js';
import { branchOn } from './evaluation.js';
import { evaluateNumber, numberConditionSchema } from './number-ops.js';
import { numberConditionOutput } from './outputs.js';

export const numberCondition = defineNode({
  componentId: 'number_condition',
  kind: 'condition',
  pure: true,
  title: 'Number condition',
  description: 'Compares a number with another (or a range) and branches true or false.',
  config: numberConditionSchema,
  output: numberConditionOutput,
  outputExample: { result: false, value: 12.5, operator: 'greater_than', compare_to: 20 },
  handles: ['true', 'false'],
  run: (_ctx, config) => branchOn(evaluateNumber(config)),
});
