import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { NodeTester } from '../../engine/node-tester.js';
import { principalOf } from '../auth/hook.js';
import { notFoundErrors } from '../schemas/common.js';
import { nodeSchema } from '../schemas/workflow.js';

export interface TestNodeRoutesOptions {
  tester: NodeTester;
}

const body = z.object({
  node: nodeSchema,
  context: z.record(z.string(), z.unknown()).default({}),
  authorization_id: z.string().max(100).nullable().optional(),
});

const result = z.object({
  status: z.literal('success'),
  output: z.unknown(),
  handle: z.string().nullable().optional(),
});

export const testNodeRoutes: FastifyPluginAsyncZod<TestNodeRoutesOptions> = async (app, { tester }) => {
  app.post(
    '/workflows/test-node',
    {
      schema: {
        tags: ['Utilities'],
        summary: 'Test a single node',
        description:
          'Runs one node against a mock context (outputs keyed by node id, e.g. {"n1": {...}}); nothing is stored (files and short links are previews). With `authorization_id`, platform nodes act as that authorization\'s user. A failing node answers 422 node_test_failed with its message.',
        body,
        response: { 200: result, ...notFoundErrors },
      },
    },
    async (request) => {
      const { node, context, authorization_id } = request.body;
      const full = { ...node, type: node.type ?? node.data.componentId };
      return tester.test(principalOf(request).orgId, full, context, authorization_id ?? null);
    },
  );
};
