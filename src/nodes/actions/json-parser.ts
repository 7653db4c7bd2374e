import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { defineNode } from '../contract.js';

export const jsonParser = defineNode({
  componentId: 'json_parser',
  kind: 'action',
  network: false,
  title: 'JSON parser',
  description: 'Parses a JSON string into structured data that later nodes can read field by field.',
  config: z.object({ input: z.string({ error: 'Expected the JSON text to parse.' }) }),
  handles: [],
  run: (_ctx, config) => {
    try {
      return { output: JSON.parse(config.input) as unknown };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new StratoflowError('node_failed', `Invalid JSON: ${reason}`);
    }
  },
});
