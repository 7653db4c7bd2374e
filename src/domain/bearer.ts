import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when `authorization` is `Bearer <expected>`. Compares digests in constant time, so neither the
 * token's characters nor its length leak through timing.
 */
export function bearerMatches(authorization: string | undefined, expected: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
