import { defineNode } from '../contract.js';
import { evaluateGroup, logicalGroupSchema } from './group-ops.js';

export const logicalGroup = defineNode({
  componentId: 'logical_group',
  kind: 'condition',
  title: 'Logical group (AND/OR)',
  description: 'Combines typed conditions and nested groups with AND or OR, and branches true or false.',
  config: logicalGroupSchema,
  handles: ['true', 'false'],
  run: (ctx, config) => {
    const evaluation = evaluateGroup(config, ctx.clock.now());
    return { output: evaluation, handle: evaluation.result ? 'true' : 'false' };
  },
});
