import type { LookupFunction } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Agent, buildConnector } from 'undici';
import type { HttpTls } from '../../contract.js';
import { nodeTls } from '../node-tls.js';
import { HttpCertificateError } from './errors.js';

/** `AA:BB:...` or `aabb...`: 32 bytes of SHA-256 in hex. Returns the lower-case hex, or null when malformed. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.trim().replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** Node's `fingerprint256` (`AB:CD:...`) as lower-case hex. */
function fingerprintOf(socket: TLSSocket): string | null {
  const fingerprint = socket.getPeerCertificate()?.fingerprint256;
  return fingerprint ? fingerprint.replace(/:/g, '').toLowerCase() : null;
}

export interface ConnectBase {
  timeout: number;
  lookup: LookupFunction;
}

/**
 * An undici Agent that trusts what `tls` says. With `ca`, those certificates are trusted besides the public
 * roots. With `pinnedSha256`, the CA chain is not consulted: the connection is accepted only when the
 * server's certificate has exactly that fingerprint, checked right after the handshake, before a single
 * byte of the request (credentials included) is written. Session resumption is off, so every connection
 * presents its certificate. The guarded lookup stays in place either way.
 */
export function createTrustingAgent(
  undici: Pick<typeof import('undici'), 'Agent' | 'buildConnector'>,
  base: ConnectBase,
  tls: HttpTls,
): Agent {
  const ca = tls.ca ? [...nodeTls().rootCertificates, tls.ca] : undefined;
  const pin = tls.pinnedSha256 === undefined ? null : normalizeFingerprint(tls.pinnedSha256);
  if (pin === null) {
    if (tls.pinnedSha256 !== undefined)
      throw new HttpCertificateError('The pinned fingerprint is not a SHA-256 hex digest');
    return new undici.Agent({ connect: { ...base, ...(ca ? { ca } : {}) } });
  }
  const connector = undici.buildConnector({ ...base, rejectUnauthorized: false, maxCachedSessions: 0 });
  const connect: buildConnector.connector = (options, callback) => {
    connector(options, (err, socket) => {
      if (err) return callback(err, null);
      const problem = !(socket instanceof nodeTls().TLSSocket)
        ? 'A pinned certificate needs an https:// URL'
        : fingerprintOf(socket) === pin
          ? null
          : `The TLS certificate of ${options.hostname} does not match the pinned SHA-256 fingerprint`;
      if (problem === null) return callback(null, socket as TLSSocket);
      socket?.destroy();
      return callback(new HttpCertificateError(problem), null);
    });
  };
  return new undici.Agent({ connect });
}

/** A stable key for one trust configuration, to reuse its agent. */
export function trustKey(tls: HttpTls): string {
  return JSON.stringify([tls.pinnedSha256 ?? null, tls.ca ?? null]);
}
