import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { jsonProblem } from '../../domain/json-problem.js';
import { defineNode } from '../contract.js';

export const jsonParser = defineNode({
  componentId: 'json_parser',
  kind: 'action',
  network: false,
  pure: true,
  title: 'JSON parser',
  description: 'Parses a JSON string into structured data that later nodes can read field by field.',
  config: z.object({ input: z.string({ error: 'Expected the JSON text to parse.' }) }),
  output: z.unknown().describe("The parsed JSON value itself (an object's keys are read as `{{ n2.key }}`)"),
  outputExample: { site: 'HQ', wans: [{ name: 'wan1', up: true }] },
  handles: [],
  run: (_ctx, config) => {
    try {
      return { output: JSON.parse(config.input) as unknown };
    } catch (error) {
      throw new StratoflowError('node_failed', `Invalid JSON: ${jsonProblem(error, config.input)}`);
    }
  },
});
