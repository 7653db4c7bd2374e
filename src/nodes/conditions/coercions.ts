import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';

/**
 * Field schemas shared by the condition nodes. Values usually arrive as strings rendered from Liquid
 * templates, so every schema here accepts the string spelling of its type as well.
 */

/** A boolean flag: `true`/`false`, or the strings "true"/"false"/"1"/"0" (any case, trimmed). */
export const booleanFlag = z
  .preprocess(
    (input) => (typeof input === 'string' ? input.trim().toLowerCase() : input),
    z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])], {
      error: 'Expected a boolean: true, false, "true", "false", "1" or "0".',
    }),
  )
  .transform((flag) => flag === true || flag === 'true' || flag === '1');

/** A scalar compared as text: numbers and booleans are stringified, `null` becomes "". */
export const scalarText = z
  .union([z.string(), z.number(), z.boolean(), z.null()], {
    error: 'Expected a string, number, boolean or null.',
  })
  .transform((scalar) => (scalar === null ? '' : String(scalar)));

/** A number or a string that should hold one; checked by the evaluator so it can name the value. */
export const numberLike = z.union([z.number(), z.string()], {
  error: 'Expected a number or a numeric string.',
});

/**
 * Quotes a value for an error message. Never cut short here: the node runner redacts the run's secrets
 * from the whole message first and only then shortens it (a truncated secret would slip through).
 */
export function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
}

/** Reads a finite number from a number or a numeric string; fails naming the value otherwise. */
export function readNumber(input: unknown, label: string): number {
  const parsed =
    typeof input === 'number'
      ? input
      : typeof input === 'string' && input.trim() !== ''
        ? Number(input)
        : Number.NaN;
  if (!Number.isFinite(parsed)) {
    throw new StratoflowError('node_failed', `${label} ${quote(input)} is not a number.`);
  }
  return parsed;
}

/** Reads a whole number ≥ 0 (a count or a number of days); fails naming the value otherwise. */
export function readCount(input: unknown, label: string): number {
  const parsed = readNumber(input, label);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new StratoflowError('node_failed', `${label} ${quote(input)} is not a whole number of 0 or more.`);
  }
  return parsed;
}

type Operand = 'compare_to' | 'compare_to_end';

/**
 * A refinement demanding the operands an operator needs, e.g. `between` needs `compare_to` and
 * `compare_to_end`; operators missing from `operands` need none.
 */
export function requireOperands(operands: Partial<Record<string, readonly Operand[]>>) {
  return (
    condition: { operator: string } & Partial<Record<Operand, unknown>>,
    ctx: z.RefinementCtx,
  ): void => {
    for (const operand of operands[condition.operator] ?? []) {
      if (condition[operand] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [operand],
          message: `The operator "${condition.operator}" needs \`${operand}\`.`,
        });
      }
    }
  };
}
