import { useSyncExternalStore } from 'react';
import { currentToken, onSessionChange } from './session.js';

/** The current token; re-renders on sign-in and sign-out. */
export function useSessionToken(): string | null {
  return useSyncExternalStore(onSessionChange, currentToken);
}
