import type { NodeOutcome } from '../contract.js';

/**
 * What evaluating one condition produced: the verdict plus the operands as they were understood after
 * coercion (a parsed number, a normalised date), so a run's log shows why a branch was taken.
 */
export interface ConditionEvaluation {
  result: boolean;
  value: unknown;
  operator: string;
  compare_to: unknown;
  compare_to_end?: unknown;
  [detail: string]: unknown;
}

/** A condition node's outcome: the evaluation as output, routed down the `true` or `false` handle. */
export function branchOn(evaluation: ConditionEvaluation): NodeOutcome {
  return { output: evaluation, handle: evaluation.result ? 'true' : 'false' };
}
