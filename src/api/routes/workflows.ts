import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SavedWorkflow, WorkflowService } from '../../engine/workflow-service.js';
import { principalOf } from '../auth/hook.js';
import { parameterError, paramFromPath } from '../errors.js';
import { arrayPage, optionalPageQuery, requestedPage } from '../list-page.js';
import { presentPage, presentWorkflow } from '../present.js';
import { authErrors, errorSchema, notFoundErrors, paginated } from '../schemas/common.js';
import {
  createWorkflowBody,
  triggerableWorkflow,
  updateWorkflowBody,
  validationResult,
  workflowIdParams,
  workflowSchema,
} from '../schemas/workflow.js';

const workflowPageSchema = paginated(workflowSchema, 'Workflow');

export interface WorkflowRoutesOptions {
  workflows: WorkflowService;
  publicUrl: string;
}

/**
 * Create and update answer the saved workflow plus `warnings` when a template reference will not
 * resolve; without any, the answer is exactly the workflow (as GET gives it).
 */
function withWarnings<T extends object>(workflow: T, warnings: SavedWorkflow['warnings']) {
  return warnings.length > 0 ? { ...workflow, warnings } : workflow;
}

const TRIGGERABLE = new Set(['workflow_trigger', 'subflow_trigger']);

function inputSchemaOf(nodes: { data: Record<string, unknown> }[]) {
  return nodes.find((n) => TRIGGERABLE.has(n.data.componentId as string))?.data.input_schema;
}

export const workflowRoutes: FastifyPluginAsyncZod<WorkflowRoutesOptions> = async (
  app,
  { workflows, publicUrl },
) => {
  const tags = ['Workflows'];

  app.get(
    '/workflows',
    {
      schema: {
        tags,
        summary: 'List workflows',
        description:
          'A bare array of every workflow (as the hosted API answers); with `page` or `per_page` (default 15, max 100) a Laravel paginator instead. Items omit `nodes` and `edges`.',
        querystring: optionalPageQuery,
        response: {
          200: z.union([z.array(workflowSchema), workflowPageSchema]),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const list = await workflows.list(principalOf(request).orgId);
      const present = (w: (typeof list)[number]) => presentWorkflow(w, publicUrl, false);
      const page = requestedPage(request.query);
      if (!page) return list.map(present);
      const start = (page.page - 1) * page.perPage;
      const rows = list.slice(start, start + page.perPage);
      const keep = new URLSearchParams({ per_page: String(page.perPage) });
      return presentPage(rows, list.length, page, `${publicUrl}/workflows`, present, keep);
    },
  );

  app.post(
    '/workflows',
    {
      schema: {
        tags,
        summary: 'Create a workflow',
        body: createWorkflowBody,
        response: { 201: workflowSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const created = await workflows.create(principalOf(request).orgId, request.body);
      return reply.code(201).send(withWarnings(presentWorkflow(created, publicUrl, true), created.warnings));
    },
  );

  app.post(
    '/workflows/validate',
    {
      schema: {
        tags,
        summary: 'Validate a workflow definition',
        description:
          'Same body as create. Answers 200 with every problem found (`errors`, and `issues` with each field path) and the template references that will not resolve (`warnings`); never stores anything.',
        body: z.unknown(),
        response: { 200: validationResult, ...authErrors },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const parsed = createWorkflowBody.safeParse(request.body);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => {
          const error = parameterError(paramFromPath(i.path.join('/')) || 'body', i.message);
          return { param: error.param ?? 'body', message: error.message };
        });
        return { valid: false, errors: issues.map((i) => i.message), issues, warnings: [] };
      }
      const { issues, warnings } = await workflows.validate(orgId, parsed.data);
      return { valid: issues.length === 0, errors: issues.map((i) => i.message), issues, warnings };
    },
  );

  app.get(
    '/workflows/triggerable-workflows',
    {
      schema: {
        tags,
        summary: 'List workflows another workflow can call',
        querystring: optionalPageQuery,
        response: { 200: z.array(triggerableWorkflow), ...authErrors },
      },
    },
    async (request, reply) => {
      const list = await workflows.list(principalOf(request).orgId);
      const triggerable = list
        .filter((w) => w.isActive && TRIGGERABLE.has(w.triggerComponent))
        .map((w) => ({
          id: w.id,
          name: w.name,
          description: w.description,
          trigger: w.triggerComponent,
          input_schema: inputSchemaOf(w.definition.nodes),
        }));
      return arrayPage(reply, triggerable, request.query, `${publicUrl}/workflows/triggerable-workflows`);
    },
  );

  app.get(
    '/workflows/:workflowId',
    {
      schema: {
        tags,
        summary: 'Retrieve a workflow',
        params: workflowIdParams,
        response: { 200: workflowSchema, ...notFoundErrors },
      },
    },
    async (request) => {
      const workflow = await workflows.get(principalOf(request).orgId, request.params.workflowId);
      return presentWorkflow(workflow, publicUrl, true);
    },
  );

  app.put(
    '/workflows/:workflowId',
    {
      schema: {
        tags,
        summary: 'Update a workflow (only the fields sent change)',
        params: workflowIdParams,
        body: updateWorkflowBody,
        response: { 200: workflowSchema, ...notFoundErrors },
      },
    },
    async (request) => {
      const updated = await workflows.update(
        principalOf(request).orgId,
        request.params.workflowId,
        request.body,
      );
      return withWarnings(presentWorkflow(updated, publicUrl, true), updated.warnings);
    },
  );

  app.post(
    '/workflows/:workflowId/webhook/rotate',
    {
      schema: {
        tags,
        summary: 'Rotate the webhook URL',
        description:
          'Replaces the webhook token: the old URL stops working at once, the answer shows the new `webhook_url` in full. Tokens are stored hashed, so after creation `webhook_url` is shown masked (`whsec_****abcd`); rotating is how a lost URL is recovered.',
        params: workflowIdParams,
        response: { 200: workflowSchema, ...notFoundErrors },
      },
    },
    async (request) => {
      const rotated = await workflows.rotateWebhookToken(
        principalOf(request).orgId,
        request.params.workflowId,
      );
      return presentWorkflow(rotated, publicUrl, true);
    },
  );

  app.delete(
    '/workflows/:workflowId',
    {
      schema: {
        tags,
        summary: 'Delete a workflow with its runs and logs',
        params: workflowIdParams,
        response: { 204: z.null().describe('Deleted'), 409: errorSchema, ...notFoundErrors },
      },
    },
    async (request, reply) => {
      await workflows.remove(principalOf(request).orgId, request.params.workflowId);
      return reply.code(204).send(null);
    },
  );
};
