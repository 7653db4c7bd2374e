import { StratoflowError } from '../domain/errors.js';
import type { DelegatedAccessPort } from '../engine/secrets.js';
import type { Store } from '../store/store.js';
import type { AuthorizationService } from './authorization-service.js';

/**
 * The engine's DelegatedAccessPort: finds the authorization a workflow names and opens its sealed token
 * only when a node asks for it (the engine registers the token with the run's redactor at once).
 */
export function createDelegatedAccessPort(deps: {
  store: Pick<Store, 'workflowAuthorization'>;
  authorizations: Pick<AuthorizationService, 'openToken'>;
}): DelegatedAccessPort {
  const { store, authorizations } = deps;
  return {
    async forWorkflow(orgId, workflowId) {
      const found = await store.workflowAuthorization(orgId, workflowId);
      if (!found) {
        throw new StratoflowError(
          'authorization_unavailable',
          'This workflow has no authorization, so it cannot call the platform API as a user. Create one with POST /workflows/authorization, confirm it, and set authorization_id on the workflow.',
        );
      }
      return authorizations.openToken(orgId, found.authorizationId);
    },
    forAuthorization: (orgId, authorizationId) => authorizations.openToken(orgId, authorizationId),
  };
}
