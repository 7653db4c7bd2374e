import { defineNode } from '../contract.js';
import { branchOn } from './evaluation.js';
import { evaluateString, stringConditionSchema } from './string-ops.js';

export const stringCondition = defineNode({
  componentId: 'string_condition',
  kind: 'condition',
  title: 'String condition',
  description:
    'Compares a text value with an operator (equals, contains, regex...) and branches true or false.',
  config: stringConditionSchema,
  handles: ['true', 'false'],
  run: (_ctx, config) => branchOn(evaluateString(config)),
});
