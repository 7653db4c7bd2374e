import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StratoflowError } from '../../../domain/errors.js';
import { createTestContext, runNode } from '../../test-context.js';
import { createHttpClient, type HttpClient } from '../http/client.js';
import { soapRequestOutput } from './config.js';
import { soapRequest } from './node.js';

/** The soap package's own server, answering a small WSDL on loopback; a zero divisor is a SOAP fault. */
let server: Server;
let base: string;
let http: HttpClient;
const calls: { security: unknown }[] = [];

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const wsdl = readFileSync(new URL('./fixtures/calculator.wsdl', import.meta.url), 'utf8').replace(
    'SERVICE_URL',
    `${base}/calculator`,
  );
  const service = {
    CalculatorService: {
      CalculatorPort: {
        Divide(args: { dividend: number; divisor: number }, _cb: unknown, headers: { Security?: unknown }) {
          calls.push({ security: headers?.Security ?? null });
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
  http = createHttpClient({ allowedCidrs: '127.0.0.1/32' });
});
afterAll(async () => {
  await http.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const ctx = () => createTestContext({ http });

async function failure(promise: Promise<unknown>): Promise<StratoflowError> {
  const err = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(err).toBeInstanceOf(StratoflowError);
  return err as StratoflowError;
}

describe('soap_request against the soap package’s server', () => {
  it('calls an operation with JSON arguments and a WS-Security username token', async () => {
    const outcome = await runNode(
      soapRequest,
      {
        wsdl_url: `${base}/calculator?wsdl`,
        operation: 'Divide',
        arguments: '{"dividend": 42, "divisor": 5}',
        username: 'alice',
        password: 'soap-pass-123',
      },
      ctx(),
    );
    const output = soapRequestOutput.parse((outcome as { output: unknown }).output);
    expect(output.result).toEqual({ quotient: 8, caller: 'alice' });
    const security = calls.at(-1)?.security as { UsernameToken: { Password: unknown } };
    expect(JSON.stringify(security.UsernameToken.Password)).toContain('soap-pass-123');
  });

  it('fails with the fault code and string, keeping the fault in the error details', async () => {
    const err = await failure(
      runNode(
        soapRequest,
        { wsdl_url: `${base}/calculator?wsdl`, operation: 'Divide', arguments: { dividend: 1, divisor: 0 } },
        ctx(),
      ),
    );
    expect(err.code).toBe('soap_fault');
    expect(err.message).toBe(
      `SOAP fault from 127.0.0.1:${base.split(':')[2]}: soap:Client: Division by zero`,
    );
    expect(err.details).toEqual({
      fault: { code: 'soap:Client', string: 'Division by zero', detail: { field: 'divisor' } },
    });
  });

  it('names the operations when the one asked for does not exist', async () => {
    const err = await failure(
      runNode(
        soapRequest,
        { wsdl_url: `${base}/calculator?wsdl`, operation: 'Multiply', arguments: {} },
        ctx(),
      ),
    );
    expect(err.message).toBe("The WSDL has no operation 'Multiply'; it has: Divide.");
  });

  it('fetches the WSDL through the guard, which refuses loopback by default', async () => {
    const guarded = createHttpClient();
    try {
      const err = await failure(
        runNode(
          soapRequest,
          { wsdl_url: `${base}/calculator?wsdl`, operation: 'Divide', arguments: {} },
          createTestContext({ http: guarded }),
        ),
      );
      expect(err.code).toBe('http_destination_blocked');
    } finally {
      await guarded.close();
    }
  });

  it('reports a WSDL that cannot be fetched in one sentence', async () => {
    const err = await failure(
      runNode(soapRequest, { wsdl_url: `${base}/missing?wsdl`, operation: 'Divide', arguments: {} }, ctx()),
    );
    expect(err.message).toBe(`WSDL fetch from 127.0.0.1:${base.split(':')[2]} answered 404 Not Found`);
  });
});
