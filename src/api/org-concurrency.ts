import { StratoflowError } from '../domain/errors.js';

/** Runs work for an organization unless it already has `limit` calls in progress (then 429). */
export interface OrgGate {
  run<T>(orgId: string, work: () => Promise<T>): Promise<T>;
}

/**
 * Per-organization cap on expensive inline work (node tests, synchronous calls): one tenant cannot take
 * every event-loop turn and database connection. `limit` 0 turns the cap off.
 */
export function createOrgGate(limit: number, what: string): OrgGate {
  const active = new Map<string, number>();
  return {
    async run(orgId, work) {
      if (limit <= 0) return work();
      const current = active.get(orgId) ?? 0;
      if (current >= limit) {
        const error = new StratoflowError(
          'concurrency_limited',
          `The organization already has ${limit} ${what} running at once; retry when one finishes.`,
        );
        error.retryAfterSeconds = 1;
        throw error;
      }
      active.set(orgId, current + 1);
      try {
        return await work();
      } finally {
        const left = (active.get(orgId) ?? 1) - 1;
        if (left <= 0) active.delete(orgId);
        else active.set(orgId, left);
      }
    },
  };
}
