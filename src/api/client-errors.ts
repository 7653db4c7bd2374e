import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError } from 'fastify';
import { type ErrorCode, StratoflowError } from '../domain/errors.js';
import { errorBody } from './errors.js';

function codeFor(error: ConnectionError): ErrorCode {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout';
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'request_headers_too_large';
  return 'malformed_request';
}

/**
 * Requests Node's HTTP parser rejects before Fastify sees them (garbage, oversized headers, a request
 * that took too long to arrive) still get the error envelope; the connection is then closed.
 */
export function clientErrorHandler(publicUrl: string) {
  return (error: ConnectionError, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) {
      const failure = new StratoflowError(codeFor(error));
      const body = JSON.stringify(errorBody(failure, publicUrl));
      socket.write(
        `HTTP/1.1 ${failure.status} ${STATUS_CODES[failure.status]}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `Connection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
