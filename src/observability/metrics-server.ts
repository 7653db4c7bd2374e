import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearerMatches } from '../domain/bearer.js';
import type { Metrics } from './prometheus.js';

export interface MetricsServer {
  /** `http://host:port` it listens on. */
  url: string;
  close(): Promise<void>;
}

/**
 * The separate metrics listener (`STRATOFLOW_METRICS_PORT`, `stratoflow worker --metrics-port`): only
 * `GET /metrics`, on its own address, so Prometheus can reach it where the API is not exposed. With a
 * metrics token set it asks for it here too.
 */
export async function startMetricsServer(
  metrics: Pick<Metrics, 'scrape' | 'contentType'>,
  options: { host: string; port: number; token: string | null },
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('Not found: only GET /metrics is served here.\n');
      return;
    }
    if (options.token !== null && !bearerMatches(request.headers.authorization, options.token)) {
      response
        .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
        .end('The metrics token is required.\n');
      return;
    }
    metrics.scrape().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('Reading the metrics failed.\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
