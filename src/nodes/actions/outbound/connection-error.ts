import { StratoflowError } from '../../../domain/errors.js';

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** What a socket error code means, in words a workflow author can act on. */
const SOCKET_CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  EPIPE: 'connection closed by the server',
};

/**
 * A failed DNS lookup (`getaddrinfo ENOTFOUND example.invalid`) as "could not resolve host
 * 'example.invalid'", or undefined for any other error.
 */
export function describeDnsFailure(err: unknown): string | undefined {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : '';
  const match = /getaddrinfo (ENOTFOUND|EAI_AGAIN|EAI_NODATA|EAI_NONAME) (\S+)/.exec(message);
  const dnsCode = code && /^(ENOTFOUND|EAI_AGAIN|EAI_NODATA|EAI_NONAME)$/.test(code) ? code : match?.[1];
  if (!dnsCode) return undefined;
  const named = (err as { hostname?: unknown }).hostname;
  const host = typeof named === 'string' && named !== '' ? named : match?.[2];
  const what = host ? `could not resolve host '${host}'` : 'could not resolve the host name';
  return dnsCode === 'EAI_AGAIN' ? `${what} (temporary DNS failure, retry later)` : what;
}

/** The cause of a transport failure as a short phrase (never the whole error object, which may hold secrets). */
export function describeCause(err: unknown): string {
  const dns = describeDnsFailure(err);
  if (dns !== undefined) return dns;
  const code = codeOf(err);
  if (code !== undefined && SOCKET_CAUSES[code] !== undefined) return SOCKET_CAUSES[code];
  if (err instanceof AggregateError && err.errors.length > 0) return describeCause(err.errors[0]);
  if (err instanceof Error && err.message !== '') {
    // Libraries re-wrap socket errors with their own code and keep Node's text: `connect ECONNREFUSED ...`.
    const socketCode = /\b(E[A-Z_]+)\b/.exec(err.message)?.[1];
    return socketCode !== undefined && SOCKET_CAUSES[socketCode] !== undefined
      ? SOCKET_CAUSES[socketCode]
      : err.message;
  }
  return code ?? String(err);
}

/**
 * A connection to a non-HTTP server failed: refused, timed out, TLS, DNS. The message names the server and
 * what failed, e.g. `SMTP server mail.example.com:587: connection refused`. Retryable.
 */
export class ConnectionError extends StratoflowError {
  constructor(where: string, reason: string, cause?: unknown) {
    super('connection_failed', `${where}: ${reason}`);
    if (cause !== undefined) this.cause = cause;
  }

  /** From a transport error: the reason is read from its code or message. */
  static from(where: string, err: unknown): ConnectionError {
    return new ConnectionError(where, describeCause(err), err);
  }
}
