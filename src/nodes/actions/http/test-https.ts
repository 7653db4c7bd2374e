/**
 * Test support (imported only by tests): a self-signed certificate made with `openssl` at test time, and a
 * real HTTPS server on 127.0.0.1 that records what it receives (the stand-in for RouterOS and the platform).
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Handler, type ReceivedRequest, recording } from './test-server.js';

export interface SelfSignedCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the DER certificate, as `AB:CD:...` (what browsers and `openssl x509 -fingerprint` print). */
  fingerprint256: string;
}

/** A fresh P-256 certificate for 127.0.0.1 and localhost, valid for a day. */
export function selfSignedCertificate(commonName = '127.0.0.1'): SelfSignedCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'stratoflow-cert-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '1',
        '-subj',
        `/CN=${commonName}`,
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(certFile, 'utf8');
    return {
      cert,
      key: readFileSync(keyFile, 'utf8'),
      fingerprint256: new X509Certificate(cert).fingerprint256,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface HttpsTestServer {
  /** `https://127.0.0.1:<port>` */
  readonly origin: string;
  readonly certificate: SelfSignedCertificate;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startHttpsServer(
  handler: Handler,
  certificate: SelfSignedCertificate = selfSignedCertificate(),
): Promise<HttpsTestServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer({ cert: certificate.cert, key: certificate.key }, recording(received, handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    certificate,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
