import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { z } from 'zod';

/**
 * A trigger's `input_schema`: a JSON Schema object (draft 2020-12; draft-07 keywords work too), or a
 * list of expected variables, each a name or `{name, type?, required? (default true), description?}`.
 */
export const inputSchemaField = z.record(z.string(), z.unknown()).or(z.array(z.unknown())).optional();
export type InputSchema = z.infer<typeof inputSchemaField>;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** The variable-list form as a JSON Schema (an object with those properties). */
function fromVariables(variables: unknown[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const variable of variables) {
    const spec = typeof variable === 'string' ? { name: variable } : (variable as Record<string, unknown>);
    if (typeof spec?.name !== 'string' || spec.name === '')
      throw new Error('each variable needs a name (a string, or an object with "name")');
    const type = spec.type;
    if (type !== undefined && (typeof type !== 'string' || !TYPES.has(type)))
      throw new Error(`variable '${spec.name}' has an unknown type '${String(type)}'`);
    properties[spec.name] = {
      ...(type ? { type } : {}),
      ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
    };
    if (spec.required !== false) required.push(spec.name);
  }
  return { type: 'object', properties, required };
}

/** The JSON Schema an `input_schema` stands for (the variable list converted). */
export function toJsonSchema(schema: NonNullable<InputSchema>): Record<string, unknown> {
  return Array.isArray(schema) ? fromVariables(schema) : schema;
}

// Made on first use: building it compiles the draft 2020-12 meta-schemas, heap an idle server without input
// schemas need not hold.
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Compiles (cached by text, bounded); throws with a sentence when the schema itself is invalid. */
export function compileInputSchema(schema: NonNullable<InputSchema>): ValidateFunction {
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit) return hit;
  ajv ??= new Ajv2020({ strict: false, allErrors: false });
  const validate = ajv.compile(toJsonSchema(schema));
  if (compiled.size >= 500) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, validate);
  return validate;
}

/** Save-time check: problems as sentences (an invalid schema cannot be saved). */
export function inputSchemaProblems(schema: InputSchema): string[] {
  if (schema === undefined) return [];
  try {
    compileInputSchema(schema);
    return [];
  } catch (error) {
    return [`input_schema is not a valid JSON Schema: ${(error as Error).message}`];
  }
}

export interface InputMismatch {
  /** Where in the input, as a dotted path (`site.id`, `items[0]`); '' for the input itself. */
  path: string;
  message: string;
}

function pathOf(error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const missing =
    error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : null;
  if (missing !== null) segments.push(missing);
  return segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path ? `${path}.${s}` : s), '');
}

/** Checks a caller's input against the schema: null when it matches, else the first mismatch. */
export function checkInput(schema: InputSchema, input: unknown): InputMismatch | null {
  if (schema === undefined) return null;
  const validate = compileInputSchema(schema);
  if (validate(input)) return null;
  const error = validate.errors?.[0];
  if (!error) return { path: '', message: 'does not match the input schema' };
  const path = pathOf(error);
  const message = error.keyword === 'required' ? 'is required' : `${error.message ?? 'is invalid'}`;
  return { path, message };
}
