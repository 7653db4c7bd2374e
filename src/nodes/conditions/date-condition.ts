import { defineNode } from '../contract.js';
import { dateConditionSchema, evaluateDate } from './date-ops.js';
import { branchOn } from './evaluation.js';

export const dateCondition = defineNode({
  componentId: 'date_condition',
  kind: 'condition',
  title: 'Date condition',
  description:
    'Compares a date with another date, a range, today or the last/next N days, and branches true or false.',
  config: dateConditionSchema,
  handles: ['true', 'false'],
  run: (ctx, config) => branchOn(evaluateDate(config, ctx.clock.now())),
});
