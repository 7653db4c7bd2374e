import { z } from 'zod';
import { defineNode } from '../contract.js';

/** Variable names are read as `{{ node_id.name }}`, so they must be valid Liquid identifiers. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_VARIABLES = 100;

const name = z
  .string()
  .regex(NAME, { error: 'A variable name is letters, digits and _, not starting with a digit.' });

/** `{name: value}`, or the editor-friendly list `[{name, value}]`. */
const variables = z
  .union([
    z.record(name, z.unknown()),
    z
      .array(z.object({ name, value: z.unknown() }))
      .transform((list) => Object.fromEntries(list.map((entry) => [entry.name, entry.value]))),
  ])
  .refine((vars) => Object.keys(vars).length > 0, { error: 'Set at least one variable.' })
  .refine((vars) => Object.keys(vars).length <= MAX_VARIABLES, {
    error: `At most ${MAX_VARIABLES} variables per node.`,
  });

export const setVariables = defineNode({
  componentId: 'set_variables',
  kind: 'action',
  network: false,
  pure: true,
  title: 'Set variables',
  description:
    'Names values for later nodes: each value is a template (a lone `{{ expression }}` keeps its type, e.g. an array) and is read as `{{ node_id.name }}`.',
  config: z.object({ variables }),
  output: z.record(z.string(), z.unknown()),
  outputExample: { threshold: 80, site_name: 'HQ' },
  handles: [],
  valueFields: ['variables'],
  run: (_ctx, config) => ({
    output: Object.fromEntries(Object.entries(config.variables).map(([key, value]) => [key, value ?? null])),
  }),
});
