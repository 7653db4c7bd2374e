import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { operationIdFor } from './operation-id.js';
import { errorSchema } from './schemas/common.js';

/** OpenAPI 3.1 generated from the route schemas, served at /openapi.json and rendered at /docs. */
export async function installOpenApi(app: FastifyInstance, publicUrl: string, version: string) {
  // Every route that reads a body can answer 400 (malformed or too deeply nested JSON) and 413.
  app.addHook('onRoute', (route) => {
    const schema = route.schema as (typeof route.schema & { operationId?: string }) | undefined;
    if (schema && !schema.operationId && typeof route.method === 'string') {
      schema.operationId = operationIdFor(route.method, route.url);
    }
    if (!schema?.body || !schema.response) return;
    schema.response = { 400: errorSchema, 413: errorSchema, ...(schema.response as object) };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Stratoflow API',
        description:
          'Self-hosted implementation of the Altostrat Workflows API, plus Stratoflow’s additions. Error codes: /errors (each `doc_url` points at its row).',
        version,
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas registered with `.meta({ id })` (Workflow, Run, Error…) become named components, referenced.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', theme: { title: 'Stratoflow API' } });
}
