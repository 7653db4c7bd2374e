import { ApiError, createStratoflowClient, listItems, unwrap } from '../../../src/client/index.js';
import { currentToken, signOut } from './session.js';

export type { components } from '../../../src/client/index.js';
export { ApiError, listItems, unwrap };

/** Why the user was sent back to the sign-in page (shown there). */
let signOutReason: string | null = null;

export function takeSignOutReason(): string | null {
  const reason = signOutReason;
  signOutReason = null;
  return reason;
}

/** The one API client of the app: same origin, bearer token from the session, 401 → sign-in. */
export const api = createStratoflowClient({
  baseUrl: window.location.origin,
  token: currentToken,
  fetch: async (request) => {
    const response = await fetch(request);
    if (response.status === 401 && currentToken()) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { message?: string } | null;
      signOutReason = body?.message ?? 'Your session is no longer valid.';
      signOut();
    }
    return response;
  },
});

/** A readable sentence for any error the app meets. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'The server could not be reached. Is `stratoflow serve` running?';
  return error instanceof Error ? error.message : String(error);
}
