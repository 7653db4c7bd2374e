import { StratoflowError } from '../../../domain/errors.js';
import type { HttpResponse, NodeContext } from '../../contract.js';

/** What the `soap` package expects back from its HTTP client (the part of an axios response it reads). */
interface SoapHttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  data: string;
  config: { headers: Record<string, string> };
}

type Callback = (error: unknown, response?: SoapHttpResponse, body?: string) => void;

/** A host name no one can register, handed to soap for WSDL imports that are not http(s). */
export const REFUSED_IMPORT = 'http://wsdl-import-refused.invalid/';

function text(body: unknown): string {
  if (body === null || body === undefined) return '';
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/**
 * The `soap` package's HTTP client, backed by the node's guarded `HttpPort`: the WSDL, its imports and
 * every call go through the same address guard, redirect checks, size cap and timeout as the webhook
 * node. A WSDL that cannot be fetched fails with a short sentence (soap's own message quotes the body).
 */
export function soapHttpClient(ctx: NodeContext, timeoutMs: number) {
  async function send(url: string, data: unknown, extraHeaders: Record<string, unknown> | undefined) {
    if (url.startsWith(REFUSED_IMPORT)) {
      throw new StratoflowError(
        'node_failed',
        'The WSDL imports a document that is not http(s); only http(s) imports are fetched.',
      );
    }
    const headers: Record<string, string> = {
      accept: 'text/xml, application/soap+xml, application/xml;q=0.9, */*;q=0.8',
    };
    for (const [name, value] of Object.entries(extraHeaders ?? {})) {
      if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
    }
    const hasBody = typeof data === 'string' && data !== '';
    if (hasBody) headers['content-type'] ??= 'text/xml; charset=utf-8';
    const response: HttpResponse = await ctx.http.request({
      method: hasBody ? 'POST' : 'GET',
      url,
      headers,
      ...(hasBody ? { body: data as string } : {}),
      timeoutMs,
      signal: ctx.signal,
    });
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      data: text(response.body),
      config: { headers },
    } satisfies SoapHttpResponse;
  }

  return {
    request(url: string, data: unknown, callback: Callback, extraHeaders?: Record<string, unknown>) {
      const pending = send(url, data, extraHeaders);
      pending.then(
        (response) => {
          if (response.status >= 200 && response.status <= 299)
            return callback(null, response, response.data);
          if (data === null || data === undefined) {
            const host = URL.parse(url)?.host ?? 'the server';
            return callback(
              new StratoflowError(
                'node_failed',
                `WSDL fetch from ${host} answered ${response.status} ${response.statusText}`.trim(),
              ),
            );
          }
          // Like axios: a non-2xx call fails with the response attached, so soap can read a fault from it.
          return callback(Object.assign(new Error(`HTTP ${response.status}`), { response }));
        },
        (error: unknown) => callback(error),
      );
      return pending;
    },
  };
}
