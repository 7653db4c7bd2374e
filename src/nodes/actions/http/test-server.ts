/**
 * Test support (imported only by *.test.ts): real node:http servers on 127.0.0.1 ephemeral ports, and a
 * recorder of the connections undici attempts, to prove a refused destination never got as far as a socket.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  readonly received: ReceivedRequest[];
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

export type Handler = (req: ReceivedRequest, res: ServerResponse) => void;

/** A request listener that reads each request whole, appends it to `received`, then calls `handler`. */
export function recording(received: ReceivedRequest[], handler: Handler) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      handler(request, res);
    });
  };
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const received: ReceivedRequest[] = [];
  let connections = 0;
  const server = createServer(recording(received, handler));
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    received,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Host names undici tried to connect to while the recorder was on. */
export function recordConnectAttempts(): { hostnames: string[]; stop(): void } {
  const hostnames: string[] = [];
  const onMessage = (message: unknown) => {
    const params = (message as { connectParams?: { hostname?: string } }).connectParams;
    hostnames.push(params?.hostname ?? '?');
  };
  subscribe('undici:client:beforeConnect', onMessage);
  return { hostnames, stop: () => unsubscribe('undici:client:beforeConnect', onMessage) };
}
