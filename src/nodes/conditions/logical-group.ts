import { defineNode } from '../contract.js';
import { evaluateGroup, logicalGroupSchema } from './group-ops.js';
import { groupEvaluationOutput } from './outputs.js';

export const logicalGroup = defineNode({
  componentId: 'logical_group',
  kind: 'condition',
  pure: true,
  title: 'Logical group (AND/OR)',
  description: 'Combines typed conditions and nested groups with AND or OR, and branches true or false.',
  config: logicalGroupSchema,
  output: groupEvaluationOutput,
  outputExample: {
    result: false,
    operator: 'and',
    conditions: [
      { type: 'number', result: false, value: 3, operator: 'greater_than', compare_to: 5 },
      { skipped: true },
    ],
  },
  handles: ['true', 'false'],
  run: (ctx, config) => {
    const evaluation = evaluateGroup(config, ctx.clock.now());
    return { output: evaluation, handle: evaluation.result ? 'true' : 'false' };
  },
});
