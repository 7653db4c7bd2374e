import type { Client, IHttpClient } from 'soap';
import { StratoflowError } from '../../../domain/errors.js';
import { defineNode } from '../../contract.js';
import { boundedMs, credential, credentialsFromVault } from '../outbound/credentials.js';
import { SOAP_CREDENTIAL_FIELDS, soapRequestConfig, soapRequestOutput } from './config.js';
import { faultError, faultOf } from './fault.js';
import { REFUSED_IMPORT, soapHttpClient } from './http-adapter.js';

type Operation = (args: unknown) => Promise<[unknown, ...unknown[]]>;

/** Every operation name the WSDL describes (services → ports → operations). */
function operationsOf(client: Client): string[] {
  const names = new Set<string>();
  for (const ports of Object.values(client.describe() as Record<string, Record<string, object>>)) {
    for (const operations of Object.values(ports))
      for (const name of Object.keys(operations)) names.add(name);
  }
  return [...names];
}

export const soapRequest = defineNode({
  componentId: 'soap_request',
  kind: 'action',
  title: 'SOAP request',
  description:
    'Calls an operation of a SOAP service described by a WSDL with JSON arguments and an optional WS-Security username token, and outputs the parsed result (a SOAP fault fails the node with its code and string).',
  config: soapRequestConfig,
  output: soapRequestOutput,
  outputExample: { result: { AddResult: 12 } },
  handles: [],
  check: (config) => credentialsFromVault(config, SOAP_CREDENTIAL_FIELDS),
  run: async (ctx, config) => {
    const timeoutMs = boundedMs(ctx, 'timeout_seconds', config.timeout_seconds);
    const httpClient = soapHttpClient(ctx, timeoutMs);
    // Loaded on first use: the library is not needed to start the server or the CLI.
    const { default: soap } = await import('soap');
    const client = await soap.createClientAsync(config.wsdl_url, {
      // The adapter answers with the parts of an axios response soap reads, not a whole AxiosResponse.
      httpClient: httpClient as unknown as IHttpClient,
      disableCache: true,
      wsdl_options: {
        // An import of file:, ftp: or another scheme would make soap read it from this machine's disk.
        overrideImportLocation: (location: string) =>
          /^https?:/i.test(location) ? location : REFUSED_IMPORT,
      },
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    });
    const operation = (client as unknown as Record<string, Operation | undefined>)[
      `${config.soap_operation}Async`
    ];
    const known = operationsOf(client);
    if (typeof operation !== 'function' || !known.includes(config.soap_operation)) {
      throw new StratoflowError(
        'node_config_invalid',
        `The WSDL has no operation '${config.soap_operation}'; it has: ${known.join(', ') || 'none'}.`,
      );
    }
    const password = credential(ctx, config.password);
    if (config.username) {
      client.setSecurity(
        new soap.WSSecurity(config.username, password ?? '', {
          passwordType: config.password_type === 'digest' ? 'PasswordDigest' : 'PasswordText',
        }),
      );
    }
    const host = URL.parse(config.endpoint ?? config.wsdl_url)?.host ?? config.wsdl_url;
    try {
      const [result] = await operation.call(client, config.arguments);
      return { output: { result: result ?? null } };
    } catch (error) {
      const fault = faultOf(error);
      if (fault) throw faultError(host, fault);
      if (error instanceof StratoflowError) throw error;
      const status = (error as { response?: { status?: number } }).response?.status;
      throw new StratoflowError(
        status !== undefined && status >= 500 ? 'http_request_failed' : 'node_failed',
        `SOAP call to ${host} failed: ${status !== undefined ? `HTTP ${status}` : (error as Error).message}`,
      );
    }
  },
});
