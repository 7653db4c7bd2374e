/**
 * Test support (imported only by tests): the `soap` package's own server on 127.0.0.1 and a free port,
 * answering fixtures/calculator.wsdl. `Divide` returns the quotient and the WS-Security user name it
 * got; a zero divisor answers a SOAP fault (soap:Client, "Division by zero").
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import soap from 'soap';

export interface TestSoapServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  wsdlUrl: string;
  /** The WS-Security header of each call (null without one). */
  security: unknown[];
  close(): Promise<void>;
}

export async function startSoapServer(): Promise<TestSoapServer> {
  const server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const wsdl = readFileSync(new URL('./fixtures/calculator.wsdl', import.meta.url), 'utf8').replace(
    'SERVICE_URL',
    `${origin}/calculator`,
  );
  const security: unknown[] = [];
  const service = {
    CalculatorService: {
      CalculatorPort: {
        Divide(args: { dividend: number; divisor: number }, _cb: unknown, headers: { Security?: unknown }) {
          security.push(headers?.Security ?? null);
          if (Number(args.divisor) === 0) {
            throw {
              Fault: {
                faultcode: 'soap:Client',
                faultstring: 'Division by zero',
                detail: { field: 'divisor' },
              },
            };
          }
          const token = (headers?.Security as { UsernameToken?: { Username?: string } } | undefined)
            ?.UsernameToken;
          return {
            quotient: Math.trunc(Number(args.dividend) / Number(args.divisor)),
            caller: token?.Username ?? 'anonymous',
          };
        },
      },
    },
  };
  soap.listen(server, '/calculator', service, wsdl);
  return {
    origin,
    port,
    wsdlUrl: `${origin}/calculator?wsdl`,
    security,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
