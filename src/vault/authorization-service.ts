/**
 * Authorizations: a user's delegated access that workflows use to call APIs on their behalf.
 *
 * `create` makes a pending authorization and a one-time link (`{publicUrl}/authorize/<token>`, only the
 * token's sha256 is stored). The signed-in user opens it and confirms with their own bearer token; that
 * token is then stored sealed like a vault value (aad `org_id:auth_id`) and the authorization is active.
 * Links expire after LINK_TTL_MS and work once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { notFound, StratoflowError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { type Clock, formatTimestamp } from '../domain/time.js';
import type { AuthorizationRecord } from '../domain/vault.js';
import type { Store } from '../store/store.js';
import { openSecret, sealSecret } from './crypto.js';
import type { MasterKey } from './master-key.js';

export const AUTHORIZATION_PROVIDER = 'stratoflow';
export const LINK_TTL_MS = 60 * 60 * 1000;
/** 32 random bytes in base64url. */
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type AuthorizationStore = Pick<
  Store,
  | 'createAuthorization'
  | 'listAuthorizations'
  | 'getAuthorization'
  | 'findPendingAuthorization'
  | 'activateAuthorization'
  | 'deleteAuthorization'
>;

export interface AuthorizationServiceDeps {
  store: AuthorizationStore;
  masterKey: MasterKey;
  clock: Clock;
  publicUrl: string;
}

/** The verified caller confirming a link. */
export interface ConfirmingUser {
  orgId: string;
  userId: string | null;
  email?: string | null;
}

function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function linkInvalid(message?: string): StratoflowError {
  return new StratoflowError('authorization_link_invalid', message);
}

export function createAuthorizationService(deps: AuthorizationServiceDeps) {
  const { store, masterKey, clock } = deps;

  /** The pending authorization behind a link token, or a 404 that says why. */
  async function pending(token: string): Promise<AuthorizationRecord> {
    if (!LINK_TOKEN.test(token)) throw linkInvalid();
    const authorization = await store.findPendingAuthorization(hashLinkToken(token));
    if (!authorization) throw linkInvalid();
    const expiresAt = authorization.createdAt + LINK_TTL_MS;
    if (clock.now() >= expiresAt) {
      throw linkInvalid(
        `This authorization link expired at ${formatTimestamp(expiresAt)}. Create a new one with POST /workflows/authorization.`,
      );
    }
    return authorization;
  }

  return {
    list: (orgId: string) => store.listAuthorizations(orgId),

    /** A pending authorization and the one-time link its user confirms it at. */
    async create(orgId: string): Promise<{ authorization: AuthorizationRecord; url: string }> {
      const token = randomBytes(32).toString('base64url');
      const authorization: AuthorizationRecord = {
        id: newId('authorization'),
        orgId,
        userId: null,
        email: null,
        provider: AUTHORIZATION_PROVIDER,
        status: 'pending',
        sealedToken: null,
        confirmTokenHash: hashLinkToken(token),
        createdAt: clock.now(),
      };
      await store.createAuthorization(authorization);
      return { authorization, url: `${deps.publicUrl}/authorize/${token}` };
    },

    async remove(orgId: string, id: string): Promise<void> {
      if (!(await store.deleteAuthorization(orgId, id))) throw notFound('Authorization');
    },

    pending,

    /**
     * Confirms the link as `user`, whose bearer token `bearer` becomes the authorization's delegated
     * access. The user must belong to the link's organization.
     */
    async confirm(token: string, user: ConfirmingUser, bearer: string): Promise<AuthorizationRecord> {
      const authorization = await pending(token);
      if (user.orgId !== authorization.orgId) throw new StratoflowError('authorization_org_mismatch');
      if (!user.userId) {
        throw new StratoflowError(
          'token_invalid',
          'The bearer token has no `sub` claim: an authorization stores the access of one user.',
        );
      }
      const sealedToken = sealSecret(masterKey, bearer, `${authorization.orgId}:${authorization.id}`);
      const grant = { userId: user.userId, email: user.email ?? null, sealedToken };
      const confirmTokenHash = authorization.confirmTokenHash as string;
      if (!(await store.activateAuthorization(authorization.id, confirmTokenHash, grant)))
        throw linkInvalid();
      return { ...authorization, ...grant, status: 'active', confirmTokenHash: null };
    },

    /** The delegated bearer token of an active authorization (for nodes calling APIs as the user). */
    async openToken(orgId: string, id: string): Promise<string> {
      const authorization = await store.getAuthorization(orgId, id);
      if (authorization?.status !== 'active' || !authorization.sealedToken) {
        throw new StratoflowError(
          'authorization_unavailable',
          `Authorization ${id} was deleted or has not been confirmed. Set another authorization_id on the workflow.`,
        );
      }
      return openSecret(masterKey, authorization.sealedToken, `${orgId}:${id}`);
    },
  };
}

export type AuthorizationService = ReturnType<typeof createAuthorizationService>;
