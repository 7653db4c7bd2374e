import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import type { InteractionService, InteractionView } from '../../engine/interaction-service.js';
import {
  FORM_PAGE_HEADERS,
  renderAnsweredPage,
  renderClosedPage,
  renderFormPage,
  VALUE_PREFIX,
} from '../form-page.js';
import { formLinkParams } from '../schemas/interaction.js';

export interface FormPageRoutesOptions {
  interactions: InteractionService;
}

const CLOSED: Record<InteractionView['status'], string> = {
  pending: 'it is not open.',
  answered: 'it was already answered.',
  expired: 'it has expired.',
  cancelled: 'the process it belonged to has ended.',
};

/** `values.<name>` inputs and the pressed `button` of a browser's form post. */
function readPost(body: Record<string, unknown> | undefined) {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body ?? {})) {
    if (key.startsWith(VALUE_PREFIX)) values[key.slice(VALUE_PREFIX.length)] = value;
  }
  return { button: body?.button, values };
}

const html = z.string().describe('HTML page');

/** The public page behind a form's one-time link: the token in the path is the only credential. */
export const formPageRoutes: FastifyPluginAsyncZod<FormPageRoutesOptions> = async (app, { interactions }) => {
  const tags = ['Interactions'];

  /** The form's interaction, or an answer page already sent (unknown link: 404, closed: 410). */
  async function open(token: string, reply: FastifyReply): Promise<InteractionView | null> {
    reply.headers(FORM_PAGE_HEADERS);
    try {
      const interaction = await interactions.openLink(token);
      if (interaction.status === 'pending') return interaction;
      await reply.code(410).send(renderClosedPage(interaction.formConfig.title, CLOSED[interaction.status]));
    } catch (error) {
      if (!(error instanceof StratoflowError) || error.code !== 'form_link_invalid') throw error;
      await reply.code(404).send(renderClosedPage('Form not found', error.message));
    }
    return null;
  }

  app.get(
    '/forms/:token',
    {
      schema: {
        tags,
        summary: 'The page of a form’s one-time link (HTML, no account needed)',
        security: [],
        params: formLinkParams,
        produces: ['text/html'],
        response: { 200: html, 404: html, 410: html },
      },
    },
    async (request, reply) => {
      const interaction = await open(request.params.token, reply);
      if (interaction) return reply.send(renderFormPage(interaction));
      return reply;
    },
  );

  app.post(
    '/forms/:token',
    {
      schema: {
        tags,
        summary: 'Answer a form through its one-time link (an HTML form post)',
        description:
          'Takes `button` and `values.<field>` as application/x-www-form-urlencoded, validates them like the API, and answers once. 422 re-renders the form with the problems; a used or expired link answers 410.',
        security: [],
        params: formLinkParams,
        consumes: ['application/x-www-form-urlencoded'],
        body: z.record(z.string(), z.unknown()).optional(),
        produces: ['text/html'],
        response: { 200: html, 404: html, 410: html, 422: html },
      },
    },
    async (request, reply) => {
      const interaction = await open(request.params.token, reply);
      if (!interaction) return reply;
      const { button, values } = readPost(request.body);
      try {
        await interactions.answerLink(request.params.token, button, values);
      } catch (error) {
        if (!(error instanceof StratoflowError)) throw error;
        if (error.code === 'interaction_closed') {
          const fresh = await open(request.params.token, reply);
          return fresh
            ? reply.code(410).send(renderClosedPage(fresh.formConfig.title, CLOSED.answered))
            : reply;
        }
        if (error.code !== 'parameter_missing' && error.code !== 'parameter_invalid') throw error;
        const details = (error as { details?: { param: string; message: string }[] }).details ?? [];
        const problems = new Map(details.map((d) => [d.param, d.message]));
        if (problems.size === 0 && error.param) problems.set(error.param, error.message);
        return reply.code(422).send(renderFormPage(interaction, values, problems));
      }
      const label = interaction.formConfig.buttons.find((b) => b.id === button)?.label ?? String(button);
      return reply.send(renderAnsweredPage(interaction.formConfig.title, label));
    },
  );
};
