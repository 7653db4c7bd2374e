import { StratoflowError } from '../domain/errors.js';
import type { DelegatedAccess } from '../nodes/contract.js';
import type { DelegatedAccessPort, RunSecrets } from './secrets.js';

/**
 * A node's view of delegated access: opens the token only when asked, and registers it with the run's
 * redactor before the node sees it, so it cannot reach a log, an output or an error message.
 */
export function delegationFor(
  port: DelegatedAccessPort | undefined,
  secrets: RunSecrets,
  open: (port: DelegatedAccessPort) => Promise<string>,
): DelegatedAccess {
  return {
    async token() {
      if (!port) {
        throw new StratoflowError(
          'authorization_unavailable',
          'This process has no vault to open authorizations.',
        );
      }
      const token = await open(port);
      secrets.register(token);
      return token;
    },
  };
}
