import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, nodeFailure, runNode } from '../../test-context.js';
import { createHttpClient, type HttpClient } from '../http/client.js';
import { soapRequestOutput } from './config.js';
import { soapRequest } from './node.js';
import { startSoapServer, type TestSoapServer } from './test-soap-server.js';

let server: TestSoapServer;
let base: string;
let http: HttpClient;

beforeAll(async () => {
  server = await startSoapServer();
  base = server.origin;
  http = createHttpClient({ allowedCidrs: '127.0.0.1/32' });
});
afterAll(async () => {
  await http.close();
  await server.close();
});

const ctx = () => createTestContext({ http });

describe('soap_request against the soap package’s server', () => {
  it('calls an operation with JSON arguments and a WS-Security username token', async () => {
    const outcome = await runNode(
      soapRequest,
      {
        wsdl_url: `${base}/calculator?wsdl`,
        soap_operation: 'Divide',
        arguments: '{"dividend": 42, "divisor": 5}',
        username: 'alice',
        password: 'soap-pass-123',
      },
      ctx(),
    );
    const output = soapRequestOutput.parse((outcome as { output: unknown }).output);
    expect(output.result).toEqual({ quotient: 8, caller: 'alice' });
    const security = server.security.at(-1) as { UsernameToken: { Password: unknown } };
    expect(JSON.stringify(security.UsernameToken.Password)).toContain('soap-pass-123');
  });

  it('fails with the fault code and string, keeping the fault in the error details', async () => {
    const err = await nodeFailure(
      runNode(
        soapRequest,
        {
          wsdl_url: `${base}/calculator?wsdl`,
          soap_operation: 'Divide',
          arguments: { dividend: 1, divisor: 0 },
        },
        ctx(),
      ),
    );
    expect(err.code).toBe('soap_fault');
    expect(err.message).toBe(`SOAP fault from 127.0.0.1:${server.port}: soap:Client: Division by zero`);
    expect(err.details).toEqual({
      fault: { code: 'soap:Client', string: 'Division by zero', detail: { field: 'divisor' } },
    });
  });

  it('names the operations when the one asked for does not exist', async () => {
    const err = await nodeFailure(
      runNode(
        soapRequest,
        { wsdl_url: `${base}/calculator?wsdl`, soap_operation: 'Multiply', arguments: {} },
        ctx(),
      ),
    );
    expect(err.message).toBe("The WSDL has no operation 'Multiply'; it has: Divide.");
  });

  it('fetches the WSDL through the guard, which refuses loopback by default', async () => {
    const guarded = createHttpClient();
    try {
      const err = await nodeFailure(
        runNode(
          soapRequest,
          { wsdl_url: `${base}/calculator?wsdl`, soap_operation: 'Divide', arguments: {} },
          createTestContext({ http: guarded }),
        ),
      );
      expect(err.code).toBe('http_destination_blocked');
    } finally {
      await guarded.close();
    }
  });

  it('reports a WSDL that cannot be fetched in one sentence', async () => {
    const err = await nodeFailure(
      runNode(
        soapRequest,
        { wsdl_url: `${base}/missing?wsdl`, soap_operation: 'Divide', arguments: {} },
        ctx(),
      ),
    );
    expect(err.message).toBe(`WSDL fetch from 127.0.0.1:${server.port} answered 404 Not Found`);
  });
});
