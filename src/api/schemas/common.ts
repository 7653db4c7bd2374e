import { z } from 'zod';
import { ERRORS } from '../../domain/errors.js';

export const timestamp = z
  .string()
  .describe('UTC date-time with six fractional digits, e.g. 2025-10-31T12:00:00.000000Z');

/** Text bound for the database: PostgreSQL cannot store or compare NUL, so it is refused on every store. */
export const withoutNul = (text: z.ZodString) =>
  text.refine((value) => !value.includes('\u0000'), 'Text may not contain NUL (\\u0000) characters.');

export const errorSchema = z
  .object({
    type: z.string(),
    code: z.enum(Object.keys(ERRORS) as [keyof typeof ERRORS, ...(keyof typeof ERRORS)[]]),
    message: z.string(),
    param: z.string().optional(),
    doc_url: z.string(),
    errors: z.array(z.unknown()).optional(),
  })
  .describe('Error envelope')
  .meta({ id: 'Error' });

/** Standard error responses every authenticated route documents. */
export const authErrors = { 401: errorSchema, 422: errorSchema } as const;
export const notFoundErrors = { 401: errorSchema, 404: errorSchema, 422: errorSchema } as const;

const pageLinks = z
  .object({
    first: z.string().nullable(),
    last: z.string().nullable(),
    prev: z.string().nullable(),
    next: z.string().nullable(),
  })
  .describe('Absolute URLs of the first, last, previous and next pages')
  .meta({ id: 'PaginatedLinks' });

const pageMeta = z
  .object({
    current_page: z.number(),
    from: z.number().nullable(),
    last_page: z.number(),
    path: z.string(),
    per_page: z.number(),
    to: z.number().nullable(),
    total: z.number(),
  })
  .meta({ id: 'PaginatedMeta' });

/**
 * Laravel's length-aware paginator of `item` (spec `Paginated<T>`), named `Paginated<name>` in the OpenAPI
 * components. Call once per item type at module level: a component name can be registered only once.
 */
export function paginated<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ data: z.array(item), links: pageLinks, meta: pageMeta })
    .describe(`Paginated<${name}>: Laravel's length-aware paginator`)
    .meta({ id: `Paginated${name}` });
}

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(15),
});
