import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * Lists the spec gives as plain arrays (workflows, triggerable workflows, vault, authorizations, logs…)
 * stay arrays, and still take `page`/`per_page`: absent, the whole list (as the hosted API answers);
 * present, one page of it (default 15, max 100), with the total in `X-Total-Count` and absolute page
 * links in `Link`. Paginated lists (runs, interactions, links) use `presentPage` instead.
 */
export const optionalPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).optional().describe('Page number (1-based)'),
  per_page: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('Items per page: 15 unless given, at most 100'),
});

export type OptionalPage = z.infer<typeof optionalPageQuery>;

export const DEFAULT_PER_PAGE = 15;

/** The page asked for, or null when the client asked for the whole list. */
export function requestedPage(q: OptionalPage): { page: number; perPage: number } | null {
  if (q.page === undefined && q.per_page === undefined) return null;
  return { page: q.page ?? 1, perPage: q.per_page ?? DEFAULT_PER_PAGE };
}

/** `Link` header (RFC 8288) with absolute first/prev/next/last URLs; other query parameters are kept. */
export function setPageHeaders(
  reply: FastifyReply,
  total: number,
  page: { page: number; perPage: number },
  path: string,
  keep?: URLSearchParams,
) {
  const lastPage = Math.max(1, Math.ceil(total / page.perPage));
  const url = (n: number) => {
    const params = new URLSearchParams(keep);
    params.set('page', String(n));
    params.set('per_page', String(page.perPage));
    return `<${path}?${params.toString()}>`;
  };
  const links = [`${url(1)}; rel="first"`];
  if (page.page > 1) links.push(`${url(Math.min(page.page - 1, lastPage))}; rel="prev"`);
  if (page.page < lastPage) links.push(`${url(page.page + 1)}; rel="next"`);
  links.push(`${url(lastPage)}; rel="last"`);
  reply.header('x-total-count', String(total));
  reply.header('link', links.join(', '));
}

/** One page of an array-shaped list (or all of it when no page was asked for). */
export function arrayPage<T>(reply: FastifyReply, items: readonly T[], q: OptionalPage, path: string): T[] {
  const page = requestedPage(q);
  if (!page) return [...items];
  setPageHeaders(reply, items.length, page, path);
  const start = (page.page - 1) * page.perPage;
  return items.slice(start, start + page.perPage);
}
