import { z } from 'zod';
import type { AnyNodeDefinition } from './contract.js';

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

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: PropertySchema[];
  description?: string;
}

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

function typeOf(p: PropertySchema): string {
  if (p.const !== undefined) return `\`${String(p.const)}\``;
  if (p.enum) return p.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (p.anyOf) return [...new Set(p.anyOf.map(typeOf))].join(' or ');
  if (Array.isArray(p.type)) return p.type.join(' or ');
  return p.type ?? 'any';
}

/** `docs/nodes.md`: every component, its handles and its config fields, generated from the schemas. */
export function renderNodesMarkdown(definitions: readonly AnyNodeDefinition[]): string {
  const lines = [
    '<!-- Generated from the node schemas in src/nodes by `npm run docs`. Do not edit. -->',
    '# Components',
    '',
    'Every string field is a Liquid template rendered just before the node runs. Any node may also set',
    '`continue_on_error: true` (adds an `error` handle) and `retry: {max_attempts, backoff_seconds, factor}`.',
    'The same descriptions, with full JSON Schemas, are served at `GET /components`.',
  ];
  for (const kind of ['trigger', 'action', 'condition']) {
    lines.push('', `## ${kind[0]?.toUpperCase()}${kind.slice(1)}s`);
    for (const definition of definitions.filter((d) => d.kind === kind)) {
      const d = describeComponent(definition);
      const { properties, required } = configFields(d.config_schema as ObjectSchema);
      const handles = d.handles.length > 0 ? d.handles.map((h) => `\`${h}\``).join(', ') : 'plain edges';
      lines.push(
        '',
        `### \`${d.componentId}\` — ${d.title}`,
        '',
        d.description,
        '',
        `Handles: ${handles}${d.config_derived_handles ? ' (plus one per configured case)' : ''}.`,
      );
      const names = Object.keys(properties);
      if (names.length === 0) continue;
      lines.push('', '| field | type | required |', '| --- | --- | --- |');
      for (const name of names) {
        lines.push(
          `| \`${name}\` | ${typeOf(properties[name] as PropertySchema)} | ${required.has(name) ? 'yes' : 'no'} |`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
