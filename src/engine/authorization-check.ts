import type { RunRecord } from '../domain/types.js';
import type { Store } from '../store/store.js';

/**
 * Fail fast: a run whose workflow names an authorization that was deleted (or never confirmed) must not
 * execute a single node, because its nodes could not act on the user's behalf. Checked each time a run
 * starts executing, so runs queued or parked before the deletion fail too. One indexed lookup.
 */
export function createAuthorizationCheck(store: Pick<Store, 'workflowAuthorization'>) {
  return async (run: RunRecord): Promise<string | null> => {
    const found = await store.workflowAuthorization(run.orgId, run.workflowId);
    if (!found || found.status === 'active') return null;
    const id = found.authorizationId;
    if (found.status === 'pending') {
      return `Authorization ${id} of this workflow has not been confirmed yet: open its link and confirm it, or set another authorization_id on the workflow.`;
    }
    return `Authorization ${id} of this workflow was deleted, so the run cannot act on the user's behalf. Set another authorization_id on the workflow.`;
  };
}
