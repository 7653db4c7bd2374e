/**
 * The signed-in session: a bearer token kept in sessionStorage (one tab, gone when it closes), never in a
 * cookie the API would accept. The token arrives in the URL fragment of the sign-in link (`#token=...`,
 * never sent to a server) or is pasted on the sign-in page.
 */
const KEY = 'stratoflow.token';

export interface Identity {
  userId: string;
  orgId: string;
  /** Expiry in ms since the epoch, when the token says. */
  expiresAt: number | null;
}

let listeners: Array<() => void> = [];

export function currentToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function signIn(token: string): Identity {
  const identity = decodeIdentity(token);
  sessionStorage.setItem(KEY, token.trim());
  notify();
  return identity;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  notify();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.push(listener);
  return () => {
    listeners = listeners.filter((l) => l !== listener);
  };
}

function notify() {
  for (const listener of listeners) listener();
}

/** Reads `sub`, `org_id` and `exp` from a JWT without verifying it (the server verifies every call). */
export function decodeIdentity(token: string): Identity {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[1])
    throw new Error('This is not a JWT: it should have three dot-separated parts.');
  let claims: Record<string, unknown>;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
  } catch {
    throw new Error('The token could not be read: its payload is not base64url JSON.');
  }
  if (typeof claims.sub !== 'string' || typeof claims.org_id !== 'string') {
    throw new Error('The token has no `sub` or `org_id` claim, so the API would refuse it.');
  }
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  if (exp !== null && exp <= Date.now()) throw new Error('The token has expired. Ask for a new one.');
  return { userId: claims.sub, orgId: claims.org_id, expiresAt: exp };
}

export function currentIdentity(): Identity | null {
  const token = currentToken();
  if (!token) return null;
  try {
    return decodeIdentity(token);
  } catch {
    return null;
  }
}

/** Takes a token from the URL fragment (`#token=...`) and removes it from the address bar and history. */
export function takeTokenFromFragment(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return null;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return decodeURIComponent(match[1]);
}
