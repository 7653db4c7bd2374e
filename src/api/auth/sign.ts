import { SignJWT } from 'jose';

export interface TokenClaims {
  orgId: string;
  userId: string;
  /** Lifetime, e.g. `30d`, `12h` (jose time span syntax). */
  expiresIn: string;
}

/** Signs an HS256 token the server configured with `secret` accepts. */
export async function signToken(secret: string, claims: TokenClaims): Promise<string> {
  return new SignJWT({ org_id: claims.orgId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn)
    .sign(new TextEncoder().encode(secret));
}
