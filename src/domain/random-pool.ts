import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for the hot path (ids, trace ids, per-run keys), drawn from a pool that is refilled from
 * node:crypto's CSPRNG 8 KiB at a time. Each byte is handed out once. `randomBytes(16)` costs ~25 µs
 * on the machines we measure (a new Buffer and a trip through the crypto binding), which the
 * asynchronous webhook path paid once per run.
 */
const pool = Buffer.alloc(8192);
let next = pool.length;

function take(count: number): number {
  if (next + count > pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  next += count;
  return next - count;
}

/** `count` fresh random bytes (at most 8 KiB), encoded. */
export function randomString(count: number, encoding: 'hex' | 'base64url'): string {
  const start = take(count);
  return pool.toString(encoding, start, start + count);
}

/** One fresh random byte. */
export function randomByte(): number {
  return pool[take(1)] as number;
}
