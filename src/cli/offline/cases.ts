import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { usageError } from '../exit-codes.js';
import { readJsonFile } from '../json-input.js';

/** A `*.test.json` file: the cases run against the `*.flow.json` beside it. */
const caseSchema = z.object({
  name: z.string().min(1),
  trigger: z.record(z.string(), z.unknown()).default({}),
  mocks: z.record(z.string(), z.unknown()).default({}),
  expect: z
    .object({
      status: z.enum(['completed', 'failed']).default('completed'),
      outputs: z.record(z.string(), z.unknown()).default({}),
      error_message: z.string().optional(),
    })
    .default({ status: 'completed', outputs: {} }),
});
const caseFileSchema = z.object({ cases: z.array(caseSchema).min(1) });

export type TestCase = z.infer<typeof caseSchema>;

export function readCaseFile(path: string): TestCase[] {
  const parsed = caseFileSchema.safeParse(readJsonFile(path, 'test file'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(`${path}: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data.cases;
}

const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

/**
 * Where `actual` differs from `expected`, one line per difference. Objects match partially (keys not
 * expected are ignored, recursively); arrays and scalars must be equal.
 */
export function differences(expected: unknown, actual: unknown, path: string): string[] {
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual))
      return [`${path}: expected ${show(expected)}, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      differences(value, (actual as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  return isDeepStrictEqual(expected, actual)
    ? []
    : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

/** Everything wrong with a finished run against a case's expectations (empty: the case passes). */
export function checkCase(
  expectation: TestCase['expect'],
  run: { status: string; errorMessage: string | null },
  outputs: ReadonlyMap<string, unknown>,
): string[] {
  const problems: string[] = [];
  if (run.status !== expectation.status) {
    const why = run.errorMessage ? ` (${run.errorMessage})` : '';
    problems.push(`status: expected "${expectation.status}", got "${run.status}"${why}`);
  }
  if (expectation.error_message !== undefined && run.errorMessage !== expectation.error_message)
    problems.push(
      `error_message: expected ${show(expectation.error_message)}, got ${show(run.errorMessage)}`,
    );
  for (const [nodeId, expected] of Object.entries(expectation.outputs)) {
    if (!outputs.has(nodeId))
      problems.push(`${nodeId}: expected ${show(expected)}, but the node did not run`);
    else problems.push(...differences(expected, outputs.get(nodeId), nodeId));
  }
  return problems;
}
