import { defineNode } from '../contract.js';
import { booleanConditionSchema, evaluateBoolean } from './boolean-ops.js';
import { branchOn } from './evaluation.js';

export const booleanCondition = defineNode({
  componentId: 'boolean_condition',
  kind: 'condition',
  title: 'Boolean condition',
  description:
    'Checks whether a value is true or false (accepting "yes"/"no", "1"/"0"...) and branches accordingly.',
  config: booleanConditionSchema,
  handles: ['true', 'false'],
  run: (_ctx, config) => branchOn(evaluateBoolean(config)),
});
