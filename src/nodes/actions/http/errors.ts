import { StratoflowError } from '../../../domain/errors.js';

/**
 * The three ways an outbound call can fail. Non-2xx responses are not failures here: the webhook node
 * decides what a status means. Messages never contain query strings or header values (they may carry secrets).
 */

/** The destination (or a redirect hop) is private/internal, or its scheme is not http(s). Not retryable. */
export class HttpBlockedError extends StratoflowError {
  constructor(message: string) {
    super('http_destination_blocked', message);
  }

  static forAddress(address: string, hostname?: string): HttpBlockedError {
    const where = hostname !== undefined && hostname !== address ? `${hostname} (${address})` : address;
    return new HttpBlockedError(
      `Destination ${where} is a private or internal address; allow it with STRATOFLOW_HTTP_ALLOWED_CIDRS`,
    );
  }
}

/** The request (or, with a custom message, the connection) took longer than its limit. Retryable. */
export class HttpTimeoutError extends StratoflowError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number, message = `Request timed out after ${timeoutMs} ms`) {
    super('http_request_failed', message);
    this.timeoutMs = timeoutMs;
  }
}

/** Any other transport failure: refused connection, reset, DNS failure, oversized body, redirect loop. */
export class HttpRequestError extends StratoflowError {
  constructor(message: string, cause?: unknown) {
    super('http_request_failed', message);
    if (cause !== undefined) this.cause = cause;
  }
}

/** The server's certificate is not trusted (CA chain, host name) or does not match the pinned one. Not retryable. */
export class HttpCertificateError extends StratoflowError {
  constructor(message: string) {
    super('http_certificate_rejected', message);
  }
}
