import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeComponent } from '../../nodes/catalogue.js';
import type { NodeRegistry } from '../../nodes/registry.js';
import { arrayPage, optionalPageQuery } from '../list-page.js';
import { authErrors } from '../schemas/common.js';

const component = z.object({
  componentId: z.string(),
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  handles: z.array(z.string()),
  config_derived_handles: z.boolean(),
  config_schema: z.record(z.string(), z.unknown()),
  output_schema: z.record(z.string(), z.unknown()).nullable(),
});

/** The component catalogue (a Stratoflow extension): what editors and clients build forms from. */
export const componentRoutes: FastifyPluginAsyncZod<{ registry: NodeRegistry; publicUrl: string }> = async (
  app,
  { registry, publicUrl },
) => {
  // Built on first request, then kept: turning every node's zod schema into JSON Schema at start-up
  // cost start-up time and heap that a server nobody browses the catalogue of never needed.
  let catalogue: ReturnType<typeof describeComponent>[] | null = null;
  app.get(
    '/components',
    {
      schema: {
        tags: ['Utilities'],
        summary: 'List the node components with their config JSON Schemas',
        querystring: optionalPageQuery,
        response: { 200: z.array(component), ...authErrors },
      },
    },
    async (request, reply) => {
      catalogue ??= registry.list().map(describeComponent);
      return arrayPage(reply, catalogue, request.query, `${publicUrl}/components`);
    },
  );
};
