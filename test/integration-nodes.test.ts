import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../src/nodes/actions/mail/test-smtp-server.js';
import { startSoapServer, type TestSoapServer } from '../src/nodes/actions/soap/test-soap-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/** The integration nodes through the public API: catalogue, save-time rules, test-node and runs. */

let t: TestServer;
let smtp: TestSmtpServer;
let soapServer: TestSoapServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  soapServer = await startSoapServer();
  t = await startTestServer({
    httpAllowedCidrs: '127.0.0.1/32',
    services: { smtpUrl: smtp.url, smtpFrom: 'alerts@example.org', aiBaseUrl: null },
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await soapServer.close();
});

const INTEGRATIONS = ['ssh', 'smtp', 'soap_request', 'send_notification', 'ai_text_transform'];

describe('integration nodes over the API', () => {
  it('are in GET /components with config and output schemas', async () => {
    const res = await t.call('GET', '/components');
    for (const id of INTEGRATIONS) {
      const component = res.body.find((c: { componentId: string }) => c.componentId === id);
      expect(component, id).toMatchObject({ kind: 'action', config_schema: { type: 'object' } });
      expect(component.output_schema, id).toMatchObject({ type: 'object' });
    }
    const ssh = res.body.find((c: { componentId: string }) => c.componentId === 'ssh');
    expect(ssh.config_schema.required).toEqual(
      expect.arrayContaining(['host', 'username', 'host_key_fingerprint', 'commands']),
    );
  });

  it('refuses to save a credential written into the definition instead of the vault', async () => {
    const res = await t.call('POST', '/workflows', {
      body: {
        name: 'literal password',
        nodes: [
          node('n1', 'manual_trigger'),
          node('n2', 'smtp', { to: 'a@example.org', text: 'x', password: 'hunter22' }),
        ],
        edges: [edge('n1', 'n2')],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'workflow_invalid', param: 'nodes[1].data' });
    expect(res.body.message).toContain('password must come from the vault');
    expect(res.text).not.toContain('hunter22');
  });

  it('sends a notification email through the server default from POST /workflows/test-node', async () => {
    const res = await t.call('POST', '/workflows/test-node', {
      body: {
        node: node('n', 'send_notification', {
          channel: 'email',
          to: 'noc@example.org',
          title: 'Site {{ n1.site }} offline',
          severity: 'warning',
        }),
        context: { n1: { site: 'HQ' } },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({ channel: 'email', accepted: ['noc@example.org'] });
    expect(smtp.received.at(-1)?.raw).toContain('Subject: [WARNING] Site HQ offline');
  });

  it('refuses a private destination by default, naming it and the setting', async () => {
    const res = await t.call('POST', '/workflows/test-node', {
      body: {
        node: node('n', 'smtp', {
          server_url: 'smtp://10.0.0.1:25',
          from: 'a@x.org',
          to: 'b@x.org',
          text: 'x',
        }),
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(
      'Destination 10.0.0.1 is not allowed: it is or resolves to a private or internal address; allow it with STRATOFLOW_HTTP_ALLOWED_CIDRS',
    );
  });

  it('takes the error handle on a SOAP fault with continue_on_error, the fault in the output', async () => {
    const wf = await createWorkflow(t, {
      nodes: [
        node('n1', 'manual_trigger'),
        node('n2', 'soap_request', {
          wsdl_url: soapServer.wsdlUrl,
          soap_operation: 'Divide',
          arguments: '{"dividend": {{ n1.a }}, "divisor": {{ n1.b }}}',
          continue_on_error: true,
        }),
        node('ok', 'text_transform', { template: 'quotient {{ n2.result.quotient }}' }),
        node('handled', 'text_transform', { template: '{{ n2.fault.code }} / {{ n2.fault.string }}' }),
      ],
      edges: [edge('n1', 'n2'), edge('n2', 'ok'), edge('n2', 'handled', 'error')],
    });
    const good = await executeAndWait(t, wf.id, { a: 9, b: 2 });
    expect(good.logs.at(-1).output).toEqual({ text: 'quotient 4' });
    const fault = await executeAndWait(t, wf.id, { a: 9, b: 0 });
    expect(fault.status).toBe('completed');
    expect(fault.logs[1]).toMatchObject({
      status: 'error',
      output: {
        code: 'soap_fault',
        error: `SOAP fault from 127.0.0.1:${soapServer.port}: soap:Client: Division by zero`,
        fault: { code: 'soap:Client', string: 'Division by zero' },
      },
    });
    expect(fault.logs.at(-1).output).toEqual({ text: 'soap:Client / Division by zero' });
  });
});
