import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ShortLinkRecord } from '../../domain/artifacts.js';
import { StratoflowError } from '../../domain/errors.js';
import { formatNullableTimestamp, formatTimestamp } from '../../domain/time.js';
import type { ArtifactService } from '../../engine/artifact-service.js';
import { principalOf } from '../auth/hook.js';
import { presentPage } from '../present.js';
import { linkCodeParams, linkIdParams, shortLinkSchema } from '../schemas/artifacts.js';
import { authErrors, notFoundErrors, pageQuery, paginated } from '../schemas/common.js';

const shortLinkPageSchema = paginated(shortLinkSchema, 'ShortLink');

export interface LinkRoutesOptions {
  artifacts: ArtifactService;
  publicUrl: string;
}

export function presentShortLink(link: ShortLinkRecord, publicUrl: string) {
  return {
    id: link.id,
    code: link.code,
    short_url: `${publicUrl}/l/${link.code}`,
    url: link.url,
    clicks: link.clicks,
    workflow_id: link.workflowId,
    run_id: link.runId,
    expires_at: formatNullableTimestamp(link.expiresAt),
    created_at: formatTimestamp(link.createdAt),
  };
}

/** Org-scoped management of the short links `shorten_link` nodes made (bearer-authenticated). */
export const linkRoutes: FastifyPluginAsyncZod<LinkRoutesOptions> = async (app, { artifacts, publicUrl }) => {
  const tags = ['Short Links'];

  app.get(
    '/workflows/links',
    {
      schema: {
        tags,
        summary: "List the organization's short links (newest first), with click counts",
        querystring: pageQuery,
        response: { 200: shortLinkPageSchema, ...authErrors },
      },
    },
    async (request) => {
      const page = { page: request.query.page, perPage: request.query.per_page };
      const { rows, total } = await artifacts.listLinks(principalOf(request).orgId, page);
      return presentPage(rows, total, page, `${publicUrl}/workflows/links`, (link) =>
        presentShortLink(link, publicUrl),
      );
    },
  );

  app.delete(
    '/workflows/links/:linkId',
    {
      schema: {
        tags,
        summary: 'Delete a short link (its URL answers 404 from then on)',
        params: linkIdParams,
        response: { 204: z.null().describe('Deleted'), ...notFoundErrors },
      },
    },
    async (request, reply) => {
      await artifacts.deleteLink(principalOf(request).orgId, request.params.linkId);
      return reply.code(204).send(null);
    },
  );
};

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}

/** Public: `/l/{code}` redirects visitors (302) and counts the click; 404 unknown, 410 expired (HTML pages). */
export const shortLinkRedirectRoutes: FastifyPluginAsyncZod<{ artifacts: ArtifactService }> = async (
  app,
  { artifacts },
) => {
  app.get(
    '/l/:code',
    {
      schema: {
        tags: ['Short Links'],
        summary: 'Follow a short link (302 to its URL)',
        security: [],
        params: linkCodeParams,
        produces: ['text/html'],
        response: {
          302: z.null().describe('Redirect; Location is the long URL'),
          404: z.string().describe('HTML page: unknown link'),
          410: z.string().describe('HTML page: expired link'),
        },
      },
    },
    async (request, reply) => {
      try {
        const url = await artifacts.follow(request.params.code);
        return reply
          .code(302)
          .headers({ location: url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
          .send(null);
      } catch (error) {
        if (!(error instanceof StratoflowError)) throw error;
        const expired = error.code === 'short_link_expired';
        if (!expired && error.code !== 'resource_not_found') throw error;
        reply.code(expired ? 410 : 404).headers(PAGE_HEADERS);
        return expired
          ? reply.send(page('Link expired', 'This short link has expired. Ask its sender for a new one.'))
          : reply.send(page('Link not found', 'There is no such short link. Check the address.'));
      }
    },
  );
};
