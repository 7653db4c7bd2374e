import { defineNode } from '../contract.js';
import { dateConditionSchema, evaluateDate } from './date-ops.js';
import { branchOn } from './evaluation.js';
import { dateConditionOutput } from './outputs.js';

export const dateCondition = defineNode({
  componentId: 'date_condition',
  kind: 'condition',
  pure: true,
  title: 'Date condition',
  description:
    'Compares a date with another date, a range, today or the last/next N days, and branches true or false.',
  config: dateConditionSchema,
  output: dateConditionOutput,
  outputExample: {
    result: true,
    value: '2026-11-30T09:15:00.000+00:00',
    operator: 'within_last_n_days',
    timezone: 'UTC',
    compare_to: 7,
    now: '2026-12-01T06:00:00.000+00:00',
  },
  handles: ['true', 'false'],
  run: (ctx, config) => branchOn(evaluateDate(config, ctx.clock.now())),
});
