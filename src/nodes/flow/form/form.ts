import { z } from 'zod';
import { NEVER } from '../../../domain/interactions.js';
import { formatTimestamp } from '../../../domain/time.js';
import { defineNode } from '../../contract.js';
import { formConfig, TIMEOUT_HANDLE, timeoutMs } from './schema.js';

const output = z.object({
  button: z.string().nullable().describe('The chosen button’s id (null on timeout)'),
  values: z.record(z.string(), z.unknown()).describe('The visible fields’ values, typed'),
  answered_by: z.string().nullable().describe('The `sub` of who answered; null through the one-time link'),
  answered_at: z.string().nullable(),
  url: z.string().nullable().describe('The one-time link (`access: "link"`), else null'),
});

/**
 * Human in the loop: the run waits (status `awaiting_ui_interaction`, no worker held) until someone
 * answers the form through the API or its one-time link, then continues down the chosen button's
 * handle; after `timeout` without an answer it continues down `timeout`.
 */
export const form = defineNode({
  componentId: 'form',
  kind: 'action',
  title: 'Form (human in the loop)',
  description:
    'Pauses the run until a person fills in the form and picks a button; each button is its own path.',
  config: formConfig,
  output,
  outputExample: {
    button: 'approve',
    values: { reason: 'planned maintenance', hours: 2 },
    answered_by: 'usr_123',
    answered_at: '2026-12-01T06:20:41.000000Z',
    url: null,
  },
  handles: [],
  // The node's `description` is the text shown above the form.
  configMetadata: ['description'],
  dynamicHandlesDoc: 'one per button, named by its `id`, and `timeout` when a timeout is set',
  dynamicHandles: (config) => [
    ...config.buttons.map((b) => b.id),
    ...(config.timeout ? [TIMEOUT_HANDLE] : []),
  ],
  interactive: { link: (data) => data.access === 'link' },
  run(ctx, config) {
    const url = config.access === 'link' ? ctx.linkUrl : null;
    const done = ctx.interaction;
    if (done?.status === 'answered') {
      const { button, values } = done.answer;
      const answeredAt = formatTimestamp(done.answeredAt);
      return {
        output: { button, values, answered_by: done.answeredBy, answered_at: answeredAt, url },
        handle: button,
      };
    }
    if (done?.status === 'expired') {
      return {
        output: { button: null, values: {}, answered_by: null, answered_at: null, url },
        handle: TIMEOUT_HANDLE,
      };
    }
    const expiresAt = config.timeout ? ctx.clock.now() + timeoutMs(config.timeout) : null;
    ctx.logger.info({ expiresAt: expiresAt && formatTimestamp(expiresAt) }, 'form: waiting for an answer');
    const interaction = { form: config, assignee: config.assignee ?? null, expiresAt };
    return { wait: { until: expiresAt ?? NEVER, interaction } };
  },
});
