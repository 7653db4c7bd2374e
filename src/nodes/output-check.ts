import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describeComponent } from './catalogue.js';
import type { AnyNodeDefinition } from './contract.js';

/**
 * Checks a node's output against the JSON Schema its component publishes (`output_schema` of
 * `GET /components`): what users read is what nodes produce, undeclared keys included
 * (`additionalProperties: false`). Used by node tests (test-context.ts) and the catalogue test.
 */

const ajv = new Ajv2020({ strict: false, allErrors: true });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(definition: AnyNodeDefinition): ValidateFunction | null {
  const schema = describeComponent(definition).output_schema;
  if (schema === null) return null;
  let validate = compiled.get(definition.componentId);
  if (!validate) {
    const { examples: _examples, ...rest } = schema;
    validate = ajv.compile(rest);
    compiled.set(definition.componentId, validate);
  }
  return validate;
}

/** The problems of `output` against the declared schema, as `path: message` lines; empty when it fits. */
export function outputProblems(definition: AnyNodeDefinition, output: unknown): string[] {
  const validate = validatorFor(definition);
  if (validate === null) return [`${definition.componentId} declares no output schema`];
  if (validate(output)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra =
      error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
    return `${error.instancePath || '/'}: ${error.message ?? error.keyword}${extra}`;
  });
}

/** Throws when `output` does not match the component's declared output schema. */
export function assertDeclaredOutput(definition: AnyNodeDefinition, output: unknown): void {
  const problems = outputProblems(definition, output);
  if (problems.length > 0) {
    throw new Error(
      `${definition.componentId} output does not match its output schema: ${problems.join('; ')}\n${JSON.stringify(output)}`,
    );
  }
}
