import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { formatTimestamp } from '../../domain/time.js';
import type { AuthorizationRecord } from '../../domain/vault.js';
import type { AuthorizationService } from '../../vault/index.js';
import { principalOf } from '../auth/hook.js';
import type { Authenticator } from '../auth/verify.js';
import { AUTHORIZE_PAGE_HEADERS, renderAuthorizePage, renderInvalidLinkPage } from '../authorize-page.js';
import { arrayPage, optionalPageQuery } from '../list-page.js';
import { authErrors, errorSchema, notFoundErrors } from '../schemas/common.js';
import {
  authIdParams,
  authorizationSchema,
  authorizationUrlSchema,
  linkTokenParams,
} from '../schemas/vault.js';

/** API shape of an authorization (spec §2.3). */
export function presentAuthorization(a: AuthorizationRecord) {
  return {
    id: a.id,
    user_id: a.userId,
    provider: a.provider,
    status: a.status,
    created_at: formatTimestamp(a.createdAt),
  };
}

export interface AuthorizationRoutesOptions {
  authorizations: AuthorizationService;
}

/** Spec #24–#26 (bearer-authenticated). */
export const authorizationRoutes: FastifyPluginAsyncZod<
  AuthorizationRoutesOptions & { publicUrl: string }
> = async (app, { authorizations, publicUrl }) => {
  const tags = ['Authorizations'];

  app.get(
    '/workflows/authorization',
    {
      schema: {
        tags,
        summary: 'List the organization’s authorizations (pending and active)',
        querystring: optionalPageQuery,
        response: { 200: z.array(authorizationSchema), ...authErrors },
      },
    },
    async (request, reply) => {
      const list = (await authorizations.list(principalOf(request).orgId)).map(presentAuthorization);
      return arrayPage(reply, list, request.query, `${publicUrl}/workflows/authorization`);
    },
  );

  app.post(
    '/workflows/authorization',
    {
      schema: {
        tags,
        summary: 'Start an authorization: returns the URL where the user confirms it',
        description:
          'Creates a pending authorization and a one-time link (valid 1 hour). The signed-in user opens it and confirms; their bearer token is then stored encrypted and the authorization becomes active.',
        response: { 200: authorizationUrlSchema, ...authErrors },
      },
    },
    async (request) => {
      const { url } = await authorizations.create(principalOf(request).orgId);
      return { url };
    },
  );

  app.delete(
    '/workflows/authorization/:authId',
    {
      schema: {
        tags,
        summary: 'Delete an authorization (runs of workflows that use it fail fast from then on)',
        params: authIdParams,
        response: { 204: z.null().describe('Deleted'), ...notFoundErrors },
      },
    },
    async (request, reply) => {
      await authorizations.remove(principalOf(request).orgId, request.params.authId);
      return reply.code(204).send(null);
    },
  );
};

export interface AuthorizePageRoutesOptions extends AuthorizationRoutesOptions {
  authenticator: Authenticator;
}

function bearerOf(header: string | undefined): string {
  if (!header) throw new StratoflowError('authentication_required');
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!token)
    throw new StratoflowError('token_invalid', 'The Authorization header must be `Bearer <token>`.');
  return token;
}

/** The confirmation page behind the link (public; the one-time token in the path identifies it). */
export const authorizePageRoutes: FastifyPluginAsyncZod<AuthorizePageRoutesOptions> = async (
  app,
  { authorizations, authenticator },
) => {
  const tags = ['Authorizations'];

  app.get(
    '/authorize/:token',
    {
      schema: {
        tags,
        summary: 'The confirmation page of an authorization link (HTML)',
        security: [],
        params: linkTokenParams,
        produces: ['text/html'],
        response: { 200: z.string().describe('HTML page'), 404: z.string().describe('HTML page') },
      },
    },
    async (request, reply) => {
      reply.headers(AUTHORIZE_PAGE_HEADERS);
      try {
        const pending = await authorizations.pending(request.params.token);
        return reply.send(renderAuthorizePage(pending.orgId, pending.id));
      } catch (error) {
        if (!(error instanceof StratoflowError) || error.code !== 'authorization_link_invalid') throw error;
        return reply.code(404).send(renderInvalidLinkPage(error.message));
      }
    },
  );

  app.post(
    '/authorize/:token',
    {
      schema: {
        tags,
        summary: 'Confirm an authorization link as the signed-in user',
        description:
          'Send your own bearer token (same organization). It is stored encrypted as the delegated access and the authorization becomes active. Works once.',
        params: linkTokenParams,
        response: { 200: authorizationSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const bearer = bearerOf(request.headers.authorization);
      const user = await authenticator.verify(bearer);
      return presentAuthorization(await authorizations.confirm(request.params.token, user, bearer));
    },
  );
};
