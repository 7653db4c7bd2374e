import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatNullableTimestamp, formatTimestamp } from '../../domain/time.js';
import type { VaultItemRecord } from '../../domain/vault.js';
import type { VaultService } from '../../vault/index.js';
import { principalOf } from '../auth/hook.js';
import { arrayPage, optionalPageQuery } from '../list-page.js';
import { authErrors, errorSchema, notFoundErrors } from '../schemas/common.js';
import { createdVaultItemSchema, vaultIdParams, vaultItemBody, vaultItemSchema } from '../schemas/vault.js';

export interface VaultRoutesOptions {
  vault: VaultService;
  publicUrl: string;
}

/** API shape of a vault item (spec §2.3): metadata only, never the value. */
export function presentVaultItem(item: VaultItemRecord) {
  return {
    id: item.id,
    name: item.name,
    created_at: formatTimestamp(item.createdAt),
    expires_at: formatNullableTimestamp(item.expiresAt),
  };
}

/**
 * Spec #19–#23 at `/workflows/vault...`, and at `/vault...` as older renderings of the docs show them
 * (spec §2.1 note; the alias is left out of the OpenAPI document).
 */
export const vaultRoutes: FastifyPluginAsyncZod<VaultRoutesOptions> = async (app, { vault, publicUrl }) => {
  const tags = ['Vault'];
  for (const base of ['/workflows/vault', '/vault']) {
    const deprecated = base !== '/workflows/vault';

    app.get(
      base,
      {
        schema: {
          tags,
          deprecated,
          summary: 'List vault items (values are never returned)',
          querystring: optionalPageQuery,
          response: { 200: z.array(vaultItemSchema), ...authErrors },
        },
      },
      async (request, reply) => {
        const items = (await vault.list(principalOf(request).orgId)).map(presentVaultItem);
        return arrayPage(reply, items, request.query, `${publicUrl}${base}`);
      },
    );

    app.post(
      base,
      {
        schema: {
          tags,
          deprecated,
          summary: 'Create a vault item',
          description:
            "The secret is encrypted at rest and never returned. A name starting with 'api-key:' generates a workflow API key (wfk_...), returned once as `secret` in this response.",
          body: vaultItemBody,
          response: { 201: createdVaultItemSchema, 409: errorSchema, ...authErrors },
        },
      },
      async (request, reply) => {
        const { item, apiKey } = await vault.create(principalOf(request).orgId, request.body);
        return reply.code(201).send({ ...presentVaultItem(item), ...(apiKey ? { secret: apiKey } : {}) });
      },
    );

    app.get(
      `${base}/:vaultId`,
      {
        schema: {
          tags,
          deprecated,
          summary: 'Retrieve a vault item (without its value)',
          params: vaultIdParams,
          response: { 200: vaultItemSchema, ...notFoundErrors },
        },
      },
      async (request) =>
        presentVaultItem(await vault.get(principalOf(request).orgId, request.params.vaultId)),
    );

    app.put(
      `${base}/:vaultId`,
      {
        schema: {
          tags,
          deprecated,
          summary: 'Replace a vault item’s name, secret and expiry',
          description:
            'name and secret are required. An api-key: item keeps its generated key: send no secret; only name and expires_at change.',
          params: vaultIdParams,
          body: vaultItemBody,
          response: { 200: vaultItemSchema, 409: errorSchema, ...notFoundErrors },
        },
      },
      async (request) =>
        presentVaultItem(
          await vault.update(principalOf(request).orgId, request.params.vaultId, request.body),
        ),
    );

    app.delete(
      `${base}/:vaultId`,
      {
        schema: {
          tags,
          deprecated,
          summary: 'Delete a vault item (workflows that use it fail from then on)',
          params: vaultIdParams,
          response: { 204: z.null().describe('Deleted'), ...notFoundErrors },
        },
      },
      async (request, reply) => {
        await vault.remove(principalOf(request).orgId, request.params.vaultId);
        return reply.code(204).send(null);
      },
    );
  }
};
