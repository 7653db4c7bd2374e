import { z } from 'zod';
import { defineNode } from '../contract.js';

export const terminate = defineNode({
  componentId: 'terminate',
  kind: 'action',
  network: false,
  title: 'Terminate',
  description: 'Ends the whole run now as completed or failed, with an optional message.',
  config: z.object({
    status: z.preprocess(
      (status) => (typeof status === 'string' ? status.trim().toLowerCase() : status),
      z.enum(['completed', 'failed']),
    ),
    /** Blank (e.g. a template that rendered nothing) means no message. */
    message: z
      .string()
      .nullish()
      .transform((message) =>
        message === undefined || message === null || message.trim() === '' ? null : message,
      ),
  }),
  output: z.object({
    status: z.enum(['completed', 'failed']).describe('How the run ended'),
    message: z.string().nullable(),
  }),
  outputExample: { status: 'failed', message: 'Site HQ has no WAN left' },
  handles: [],
  run: (_ctx, { status, message }) => ({ output: { status, message }, terminate: { status, message } }),
});
