import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Target {
  url: string;
  received: ReceivedRequest[];
  /** Sets the answer for a path (default 200 `{"ok":true}`). */
  respond(path: string, status: number, body?: unknown): void;
  /** How many requests reached `path`. */
  count(path: string): number;
  close(): Promise<void>;
}

/** A real HTTP server on loopback that records what it receives and answers as told. */
export async function startTarget(): Promise<Target> {
  const received: ReceivedRequest[] = [];
  const answers = new Map<string, { status: number; body: unknown }>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      received.push({
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const answer = answers.get(path) ?? { status: 200, body: { ok: true } };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respond: (path, status, body) => answers.set(path, { status, body }),
    count: (path) => received.filter((r) => r.path === path).length,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
