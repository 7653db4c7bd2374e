import { SignJWT } from 'jose';

export interface TokenClaims {
  orgId: string;
  userId: string;
  /** Lifetime, e.g. `30d`, `12h` (jose time span syntax). Every token expires. */
  expiresIn: string;
  audience?: string | null;
  issuer?: string | null;
}

/** Signs an HS256 token the server configured with `secret` accepts. */
export async function signToken(secret: string, claims: TokenClaims): Promise<string> {
  const jwt = new SignJWT({ org_id: claims.orgId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn);
  if (claims.audience) jwt.setAudience(claims.audience);
  if (claims.issuer) jwt.setIssuer(claims.issuer);
  return jwt.sign(new TextEncoder().encode(secret));
}
