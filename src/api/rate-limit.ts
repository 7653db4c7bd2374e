import type { FastifyRequest } from 'fastify';
import { StratoflowError } from '../domain/errors.js';

/** Requests per minute; 0 turns a limit off. */
export interface RateLimits {
  /** Per verified principal (organization + user) on the authenticated API. */
  perPrincipal: number;
  /** Per webhook token on `POST /workflows/webhooks/{token}`. */
  perWebhookToken: number;
  /** Per client address on the public webhook route. */
  perWebhookIp: number;
}

const WINDOW_MS = 60_000;

/** Fixed one-minute windows per key, swept as they expire. */
function createWindows() {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return (key: string, limit: number, now: number): number | null => {
    if (now - lastSweep > WINDOW_MS) {
      lastSweep = now;
      for (const [k, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(k);
    }
    let window = windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= limit) return null;
    return Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
  };
}

function limited(limit: number, what: string, retryAfter: number): StratoflowError {
  const error = new StratoflowError(
    'rate_limited',
    `Rate limit of ${limit} requests per minute ${what} exceeded; retry in ${retryAfter} seconds.`,
  );
  error.retryAfterSeconds = retryAfter;
  return error;
}

/** The bearer token itself, whatever the spacing around it (so spacing cannot mint new budgets). */
function bearerToken(request: FastifyRequest): string | null {
  return /^\s*Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

/**
 * Rate limits with `Retry-After` on 429. The API limit is keyed on the verified principal (`org_id` +
 * `sub`), checked after authentication, so reformatting the header or re-signing a token for the same
 * user gives no new budget. Public webhooks are limited per token and per client address.
 */
export function createRateLimiter(limits: RateLimits) {
  const take = createWindows();
  return {
    /** preHandler for authenticated routes (the principal is known by then). */
    principal: async (request: FastifyRequest) => {
      if (limits.perPrincipal <= 0) return;
      const p = request.principal;
      const key = p ? `p:${p.orgId}:${p.userId ?? ''}` : `t:${bearerToken(request) ?? request.ip}`;
      const retry = take(key, limits.perPrincipal, Date.now());
      if (retry !== null) throw limited(limits.perPrincipal, 'per token', retry);
    },
    /** preHandler for the public webhook route. */
    webhook: async (request: FastifyRequest) => {
      const now = Date.now();
      const token = (request.params as { webhookToken?: string }).webhookToken ?? '';
      if (limits.perWebhookIp > 0) {
        const retry = take(`ip:${request.ip}`, limits.perWebhookIp, now);
        if (retry !== null) throw limited(limits.perWebhookIp, 'per client address', retry);
      }
      if (limits.perWebhookToken > 0) {
        const retry = take(`wh:${token}`, limits.perWebhookToken, now);
        if (retry !== null) throw limited(limits.perWebhookToken, 'per webhook URL', retry);
      }
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
