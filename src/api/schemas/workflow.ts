import { z } from 'zod';
import { idPattern } from '../../domain/ids.js';
import { timestamp, withoutNul } from './common.js';

export const SCHEDULE_TYPE_VALUES = ['manual', 'interval', 'cron', 'daily', 'weekly', 'monthly'] as const;

export const nodeSchema = z
  .object({
    id: withoutNul(z.string().min(1).max(100)),
    type: z.string().min(1).max(100).optional(),
    position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
    data: z.looseObject({ componentId: withoutNul(z.string().min(1).max(100)) }),
  })
  .meta({ id: 'Node' });

export const edgeSchema = z
  .object({
    id: z.string().min(1).max(200),
    source: withoutNul(z.string().min(1).max(100)),
    target: withoutNul(z.string().min(1).max(100)),
    sourceHandle: z.string().max(100).nullable().optional(),
    targetHandle: z.string().max(100).nullable().optional(),
  })
  .meta({ id: 'Edge' });

const fields = {
  name: withoutNul(z.string().trim().min(1).max(255)),
  description: withoutNul(z.string().max(10_000)).nullable().optional(),
  is_active: z.boolean().optional(),
  authorization_id: withoutNul(z.string().max(100)).nullable().optional(),
  schedule_type: z.enum(SCHEDULE_TYPE_VALUES).nullable().optional(),
  schedule_value: withoutNul(z.string().max(200)).nullable().optional(),
  schedule_timezone: withoutNul(z.string().max(100)).nullable().optional(),
  nodes: z.array(nodeSchema).min(1).max(1000),
  edges: z.array(edgeSchema).max(5000),
  strict_variables: z
    .boolean()
    .optional()
    .describe(
      'A template reading an undefined variable fails the node instead of leaving a warning in its log (default false).',
    ),
};

export const createWorkflowBody = z.object(fields);
export type CreateWorkflowBody = z.infer<typeof createWorkflowBody>;

export const updateWorkflowBody = z.object({
  ...fields,
  name: fields.name.optional(),
  nodes: fields.nodes.optional(),
  edges: fields.edges.optional(),
});
export type UpdateWorkflowBody = z.infer<typeof updateWorkflowBody>;

export const workflowIdParams = z.object({ workflowId: z.string().regex(idPattern('workflow')) });

/** A sentence about one field of the body, and that field's path (`nodes[1].data.template`). */
const fieldNote = z.object({ param: z.string(), message: z.string() });

export const workflowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    nodes: z.array(nodeSchema).optional(),
    edges: z.array(edgeSchema).optional(),
    schedule_type: z.enum(SCHEDULE_TYPE_VALUES).nullable(),
    schedule_value: z.string().nullable(),
    schedule_timezone: z.string().nullable(),
    next_run_at: timestamp.nullable(),
    is_active: z.boolean(),
    webhook_url: z.string().nullable(),
    authorization_id: z.string().nullable(),
    version_id: z.string(),
    strict_variables: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
    warnings: z
      .array(fieldNote)
      .optional()
      .describe(
        'Create and update only, when there are any: template references that will not resolve when the workflow runs (the workflow was saved).',
      ),
  })
  .meta({ id: 'Workflow' });

export const validationResult = z.object({
  valid: z.boolean(),
  errors: z.array(z.string()),
  issues: z
    .array(fieldNote)
    .describe('The same problems as `errors`, each with the path of the field it is about.'),
  warnings: z
    .array(fieldNote)
    .describe(
      'Template references that will not resolve when the workflow runs: a node that is not upstream, a vault item the organization does not have. The definition is still valid.',
    ),
});

export const triggerableWorkflow = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  trigger: z.string(),
  input_schema: z.unknown().optional(),
});
