import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import { StratoflowError } from '../../domain/errors.js';

/** Who is calling: the tenant (`org_id`) and the user (`sub`). */
export interface Principal {
  orgId: string;
  userId: string | null;
}

export interface Authenticator {
  /** Verifies a bearer token; throws a 401 StratoflowError when it is missing, malformed or expired. */
  verify(token: string): Promise<Principal>;
}

export interface AuthOptions {
  jwtSecret: string | null;
  jwksUrl: string | null;
  /** Required `aud` when set. */
  audience?: string | null;
  /** Required `iss` when set. */
  issuer?: string | null;
}

const CACHE_LIMIT = 1000;

function principalFrom(payload: JWTPayload): Principal {
  const orgId = payload.org_id;
  if (typeof orgId !== 'string' || orgId.length === 0 || orgId.length > 200) {
    throw new StratoflowError('token_invalid', 'The bearer token has no org_id claim.');
  }
  return { orgId, userId: typeof payload.sub === 'string' ? payload.sub : null };
}

function toAuthError(error: unknown): StratoflowError {
  if (error instanceof StratoflowError) return error;
  if (error instanceof joseErrors.JWTExpired) return new StratoflowError('token_expired');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    const problems: Record<string, string> = {
      exp: 'The bearer token has no exp claim; only tokens that expire are accepted.',
      aud: 'The bearer token is not meant for this server (aud claim).',
      iss: 'The bearer token was not issued by the configured issuer (iss claim).',
    };
    const message = problems[error.claim];
    if (message) return new StratoflowError('token_invalid', message);
  }
  return new StratoflowError('token_invalid');
}

/**
 * HS256 against `jwtSecret` and/or RS256/ES256 against the JWKS at `jwksUrl`. Verified tokens are kept
 * in a small cache until they expire, so a client reusing its token pays for the signature check once.
 */
export function createAuthenticator(options: AuthOptions): Authenticator {
  const secret = options.jwtSecret ? new TextEncoder().encode(options.jwtSecret) : null;
  const jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : null;
  const cache = new Map<string, { principal: Principal; expiresAt: number }>();
  const claims = {
    requiredClaims: ['exp'],
    ...(options.audience ? { audience: options.audience } : {}),
    ...(options.issuer ? { issuer: options.issuer } : {}),
  };

  async function verifyUncached(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    let payload: JWTPayload | null = null;
    let failure: unknown = new StratoflowError('token_invalid');
    if (jwks) {
      try {
        ({ payload } = await jwtVerify(token, jwks, { algorithms: ['RS256', 'ES256'], ...claims }));
      } catch (error) {
        failure = error;
      }
    }
    if (!payload && secret) {
      try {
        ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], ...claims }));
      } catch (error) {
        if (
          !(
            failure instanceof joseErrors.JWTExpired || failure instanceof joseErrors.JWTClaimValidationFailed
          )
        )
          failure = error;
      }
    }
    if (!payload) throw toAuthError(failure);
    const expiresAt = (payload.exp as number) * 1000; // required above
    return { principal: principalFrom(payload), expiresAt };
  }

  return {
    async verify(token: string) {
      const hit = cache.get(token);
      if (hit && hit.expiresAt > Date.now()) return hit.principal;
      const entry = await verifyUncached(token);
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
      cache.set(token, entry);
      return entry.principal;
    },
  };
}
