import { z } from 'zod';
import type { AnyNodeDefinition } from './contract.js';
import { dereferenced, type JsonSchema, schemaMarkdown } from './schema-markdown.js';

/** A component as the catalogue shows it: the same zod schema that validates it, as JSON Schema. */
export interface ComponentDescription {
  componentId: string;
  kind: string;
  title: string;
  description: string;
  handles: string[];
  /** Extra handles come from the config (switch cases); `error` exists whenever continue_on_error is on. */
  config_derived_handles: boolean;
  config_schema: Record<string, unknown>;
  /** JSON Schema of the node's output, when the component declares one. */
  output_schema: Record<string, unknown> | null;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** The output's JSON Schema, with the component's example under the standard `examples` keyword. */
function outputSchema(definition: AnyNodeDefinition): Record<string, unknown> {
  const schema = jsonSchema(definition.output as z.ZodType, 'output');
  return definition.outputExample === undefined
    ? schema
    : { ...schema, examples: [definition.outputExample] };
}

export function describeComponent(definition: AnyNodeDefinition): ComponentDescription {
  return {
    componentId: definition.componentId,
    kind: definition.kind,
    title: definition.title,
    description: definition.description,
    handles: [...definition.handles],
    config_derived_handles: definition.dynamicHandles !== undefined,
    config_schema: jsonSchema(definition.config, 'input'),
    output_schema: definition.output ? outputSchema(definition) : null,
  };
}

type PropertySchema = JsonSchema;

interface ObjectSchema {
  properties?: Record<string, PropertySchema>;
  required?: string[];
  oneOf?: ObjectSchema[];
  anyOf?: ObjectSchema[];
}

/**
 * The fields of a config schema. A config that takes one of several shapes (`string_utils`, chosen by
 * `operation`) lists every field of every shape; a field is required when every shape requires it.
 */
function configFields(schema: ObjectSchema): {
  properties: Record<string, PropertySchema>;
  required: Set<string>;
} {
  const variants = schema.oneOf ?? schema.anyOf;
  if (!variants) return { properties: schema.properties ?? {}, required: new Set(schema.required ?? []) };
  const merged: Record<string, PropertySchema[]> = {};
  for (const variant of variants) {
    for (const [name, property] of Object.entries(variant.properties ?? {})) {
      merged[name] = [...(merged[name] ?? []), property];
    }
  }
  const properties = Object.fromEntries(
    Object.entries(merged).map(([name, list]) => [
      name,
      list.length === 1 ? (list[0] as PropertySchema) : { anyOf: list },
    ]),
  );
  const required = new Set(
    Object.keys(merged).filter((name) => variants.every((variant) => variant.required?.includes(name))),
  );
  return { properties, required };
}

/** `docs/nodes.md`: every component, its handles, config fields and output, generated from the schemas. */
export function renderNodesMarkdown(definitions: readonly AnyNodeDefinition[]): string {
  const lines = [
    '<!-- Generated from the node schemas in src/nodes by `npm run docs`. Do not edit. -->',
    '# Components',
    '',
    'Every string field is a Liquid template rendered just before the node runs. Any node may also set',
    '`continue_on_error: true` (adds an `error` handle) and `retry: {max_attempts, backoff_seconds, factor}`.',
    'The same descriptions, with full JSON Schemas, are served at `GET /components` (`config_schema`, and',
    "`output_schema` with its example under `examples`). A node's output is what later nodes read as",
    "`{{ node_id.field }}`; a trigger's output is also `{{ trigger.field }}`.",
  ];
  for (const kind of ['trigger', 'action', 'condition']) {
    lines.push('', `## ${kind[0]?.toUpperCase()}${kind.slice(1)}s`);
    for (const definition of definitions.filter((d) => d.kind === kind))
      lines.push(...componentMarkdown(definition));
  }
  return `${lines.join('\n')}\n`;
}

function componentMarkdown(definition: AnyNodeDefinition): string[] {
  const d = describeComponent(definition);
  const handles = d.handles.length > 0 ? d.handles.map((h) => `\`${h}\``).join(', ') : 'plain edges';
  const derived = d.config_derived_handles
    ? ` (plus ${definition.dynamicHandlesDoc ?? 'one per configured case'})`
    : '';
  const lines = [
    '',
    `### \`${d.componentId}\` — ${d.title}`,
    '',
    d.description,
    '',
    `Handles: ${handles}${derived}.`,
  ];
  const config = dereferenced(d.config_schema as JsonSchema);
  const { properties, required } = configFields(config as ObjectSchema);
  if (Object.keys(properties).length > 0) {
    const merged: JsonSchema = {
      type: 'object',
      properties,
      required: [...required],
      $defs: config.$defs ?? {},
    };
    lines.push(
      '',
      'Config:',
      '',
      ...spaced(
        schemaMarkdown(merged, {
          rootName: 'a nested group',
          required: true,
          selfRef: (d.config_schema as JsonSchema).$ref,
        }),
      ),
    );
  }
  if (d.output_schema) {
    const { examples, ...schema } = d.output_schema as JsonSchema & { examples?: unknown[] };
    lines.push(
      '',
      'Output:',
      '',
      ...spaced(schemaMarkdown(schema, { rootName: 'a nested group', required: false })),
    );
    if (examples?.[0] !== undefined) {
      lines.push('', 'Example output:', '', '```json', JSON.stringify(examples[0], null, 2), '```');
    }
  }
  return lines;
}

/** Blocks separated by blank lines (a table, a heading line, list items stay as they are). */
function spaced(blocks: string[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (out.length > 0 && block !== '' && out.at(-1) !== '' && !block.startsWith('- ')) out.push('');
    out.push(block);
  }
  while (out.at(-1) === '') out.pop();
  return out;
}
