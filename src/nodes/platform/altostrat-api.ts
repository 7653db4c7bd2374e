import { z } from 'zod';
import { HTTP_METHODS } from '../actions/webhook-config.js';
import { defineNode } from '../contract.js';
import { callPlatform, platformOutput } from './platform-client.js';

const method = z.preprocess(
  (input) => (typeof input === 'string' ? input.trim().toUpperCase() : input),
  z.enum(HTTP_METHODS),
);

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** `{name: value}`, or text such as `page=2&filter[status]=new`; blank means none. */
const query = z.preprocess((input) => {
  if (typeof input !== 'string') return input ?? undefined;
  const text = input.trim().replace(/^\?/, '');
  return text === '' ? undefined : Object.fromEntries(new URLSearchParams(text));
}, z.record(z.string(), scalar).optional());

export const altostratApiConfig = z.object({
  method,
  endpoint: z
    .string()
    .trim()
    .regex(/^\/(?!\/)/, 'Expected a path starting with a single /, e.g. /sites?filter[status]=online.')
    .refine((path) => !/[\s#]/.test(path), 'A path may not contain spaces or #.'),
  body: z
    .union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown()), z.null()])
    .optional()
    .describe('JSON text (or an object) sent with POST, PUT, PATCH and DELETE'),
  query,
});

export const altostratApi = defineNode({
  componentId: 'altostrat_api',
  kind: 'action',
  title: 'Altostrat API call',
  description:
    "Calls the Altostrat platform API (STRATOFLOW_PLATFORM_API_URL + endpoint) as the user who confirmed the workflow's authorization (their token as the bearer). Outputs status, body and headers; a non-2xx answer fails the node, and a workflow without an active authorization fails with a message that says so.",
  config: altostratApiConfig,
  output: platformOutput,
  outputExample: {
    status: 200,
    body: { data: [{ id: 'st_7f3a', name: 'HQ' }] },
    headers: { 'content-type': 'application/json' },
  },
  handles: [],
  run: async (ctx, config) => ({
    output: await callPlatform(ctx, {
      method: config.method,
      endpoint: config.endpoint,
      body: config.body,
      ...(config.query ? { query: config.query } : {}),
    }),
  }),
});
