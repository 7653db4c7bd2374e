import { z } from 'zod';
import { FIELD_TYPES } from '../../nodes/flow/form/schema.js';
import { timestamp, withoutNul } from './common.js';
import { runIdParams } from './run.js';

const fieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  placeholder: z.string().optional(),
  help: z.string().optional(),
  visible_when: z
    .object({
      field: z.string(),
      equals: z.unknown().optional(),
      not_equals: z.unknown().optional(),
      in: z.array(z.unknown()).optional(),
    })
    .optional()
    .describe('Shown (and required) only while that earlier field has this value'),
});

export const interactionSchema = z
  .object({
    id: z.string(),
    run_id: z.string(),
    workflow_id: z.string(),
    node_id: z.string(),
    status: z.enum(['pending', 'answered', 'expired', 'cancelled']),
    form: z.object({
      title: z.string(),
      description: z.string(),
      fields: z.array(fieldSchema),
      buttons: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
    assignee: z.string().nullable(),
    url: z.string().nullable().describe('One-time link for people without an account (`access: "link"`)'),
    created_at: timestamp,
    expires_at: timestamp.nullable(),
    answer: z.object({ button: z.string(), values: z.record(z.string(), z.unknown()) }).nullable(),
    answered_by: z.string().nullable().describe('`sub` of the answering token; null through the link'),
    answered_at: timestamp.nullable(),
  })
  .describe('What a waiting run asks a person');

export const interactionParams = runIdParams.extend({ nodeId: withoutNul(z.string().min(1).max(100)) });

export const answerBody = z.object({
  button: withoutNul(z.string().min(1).max(64)).describe('The id of one of the form’s buttons'),
  values: z.record(z.string(), z.unknown()).default({}).describe('Field values by field name'),
});

export const inboxQuery = z.object({
  assignee: withoutNul(z.string().min(1).max(320))
    .optional()
    .describe('Only those meant for this user id or email'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(15),
});

export const formLinkParams = z.object({ token: withoutNul(z.string().min(1).max(200)) });
