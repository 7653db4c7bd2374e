import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { errorSchema } from './schemas/common.js';

/** OpenAPI 3.1 generated from the route schemas, served at /openapi.json and rendered at /docs. */
export async function installOpenApi(app: FastifyInstance, publicUrl: string, version: string) {
  // Every route that reads a body can answer 400 (malformed or too deeply nested JSON) and 413.
  app.addHook('onRoute', (route) => {
    const schema = route.schema;
    if (!schema?.body || !schema.response) return;
    schema.response = { 400: errorSchema, 413: errorSchema, ...(schema.response as object) };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Stratoflow — Altostrat Workflows API',
        description: 'Self-hosted implementation of the Altostrat Workflows API. Errors: /docs/errors.md',
        version,
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
