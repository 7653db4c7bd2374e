import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { InteractionService } from '../../engine/interaction-service.js';
import { principalOf } from '../auth/hook.js';
import { arrayPage, optionalPageQuery } from '../list-page.js';
import { presentInteraction, presentPage } from '../present.js';
import { errorSchema, notFoundErrors, paginated } from '../schemas/common.js';
import { answerBody, inboxQuery, interactionParams, interactionSchema } from '../schemas/interaction.js';
import { runIdParams } from '../schemas/run.js';

const interactionPageSchema = paginated(interactionSchema, 'Interaction');

export interface InteractionRoutesOptions {
  interactions: InteractionService;
  publicUrl: string;
}

/** Human in the loop: what runs wait for, the organization's inbox, and answering (bearer-authenticated). */
export const interactionRoutes: FastifyPluginAsyncZod<InteractionRoutesOptions> = async (
  app,
  { interactions, publicUrl },
) => {
  const tags = ['Interactions'];

  app.get(
    '/workflows/interactions',
    {
      schema: {
        tags,
        summary: 'List the organization’s open interactions (an inbox), newest first',
        description:
          'Forms that runs of the organization wait for: pending, not timed out, of a run still going. Paginated like run lists.',
        querystring: inboxQuery,
        response: { 200: interactionPageSchema, 401: errorSchema, 422: errorSchema },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { assignee, page: number, per_page } = request.query;
      const page = { page: number, perPage: per_page };
      const { rows, total } = await interactions.inbox(orgId, assignee ? { assignee } : {}, page);
      return presentPage(rows, total, page, `${publicUrl}/workflows/interactions`, presentInteraction);
    },
  );

  app.get(
    '/workflows/runs/:runId/interactions',
    {
      schema: {
        tags,
        summary: 'List what a run asked people (its forms), with their status',
        params: runIdParams,
        querystring: optionalPageQuery,
        response: { 200: z.array(interactionSchema), ...notFoundErrors },
      },
    },
    async (request, reply) => {
      const { runId } = request.params;
      const list = (await interactions.listForRun(principalOf(request).orgId, runId)).map(presentInteraction);
      return arrayPage(reply, list, request.query, `${publicUrl}/workflows/runs/${runId}/interactions`);
    },
  );

  app.post(
    '/workflows/runs/:runId/interactions/:nodeId',
    {
      schema: {
        tags,
        summary: 'Answer a form: the run continues down the chosen button’s path',
        description:
          'Validates `values` against the form (422 with `param` such as `values.email`; fields hidden by `visible_when` are not required and not kept), records the token’s `sub` and the time, and continues the run. 409 when the run no longer waits there (answered, timed out, ended). Of concurrent answers exactly one succeeds.',
        params: interactionParams,
        body: answerBody,
        response: { 200: interactionSchema, 409: errorSchema, ...notFoundErrors },
      },
    },
    async (request) => {
      const { orgId, userId } = principalOf(request);
      const { runId, nodeId } = request.params;
      const { button, values } = request.body;
      return presentInteraction(await interactions.answer(orgId, userId, runId, nodeId, button, values));
    },
  );
};
