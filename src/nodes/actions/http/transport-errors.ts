import { StratoflowError } from '../../../domain/errors.js';
import { describeDnsFailure } from '../outbound/connection-error.js';
import type { Deadline } from './deadline.js';
import { HttpCertificateError, HttpRequestError, HttpTimeoutError } from './errors.js';

const TIMEOUT_CODES: ReadonlySet<string> = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** OpenSSL's verification failures and Node's host name mismatch. */
const CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A readable sentence for a transport error; Node's happy-eyeballs failure is an AggregateError. */
function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    const messages = err.errors.map((inner: unknown) => describe(inner));
    return [...new Set(messages)].join('; ');
  }
  const dns = describeDnsFailure(err);
  if (dns !== undefined) return dns;
  if (err instanceof Error && err.message !== '') return err.message;
  return codeOf(err) ?? String(err);
}

/** The blocked error hidden in an error chain (undici or net may wrap what the lookup reported). */
function findStratoflowError(err: unknown): StratoflowError | undefined {
  for (let current = err, depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof StratoflowError) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

/**
 * Turns whatever the transport threw into the client's errors. A caller abort rethrows the caller's
 * reason unchanged, so whoever aborted recognises their own error.
 */
export function translateTransportError(
  err: unknown,
  deadline: Deadline,
  timeouts: { requestMs: number; connectMs: number },
): unknown {
  if (deadline.callerAborted) return deadline.signal.reason;
  const known = findStratoflowError(err);
  if (known !== undefined) return known;
  const code = codeOf(err);
  if (deadline.timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new HttpTimeoutError(timeouts.requestMs);
  }
  if (code !== undefined && CERTIFICATE_CODES.has(code)) {
    return new HttpCertificateError(`TLS certificate rejected: ${describe(err)}`);
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new HttpTimeoutError(timeouts.connectMs, `Connecting timed out after ${timeouts.connectMs} ms`);
  }
  return new HttpRequestError(describe(err), err);
}
