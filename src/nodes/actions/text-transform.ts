import { z } from 'zod';
import { defineNode } from '../contract.js';

export const textTransform = defineNode({
  componentId: 'text_transform',
  kind: 'action',
  network: false,
  pure: true,
  title: 'Text transform',
  description: 'Renders a Liquid template against the run context and outputs the resulting text.',
  config: z.object({
    /** Already rendered by the engine; numbers and booleans are kept as their text. */
    template: z
      .union([z.string(), z.number(), z.boolean()], { error: 'Expected a template string.' })
      .transform(String),
  }),
  output: z.object({
    text: z
      .string()
      .describe('The rendered text. The last one of a sync workflow is the answer (JSON when it parses)'),
  }),
  outputExample: { text: 'Site HQ is offline since 06:12 UTC' },
  handles: [],
  run: (_ctx, config) => ({ output: { text: config.template } }),
});
