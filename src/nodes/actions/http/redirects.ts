import type { HttpTls } from '../../contract.js';
import { HttpRequestError } from './errors.js';

/** One request of a redirect chain. */
export interface Hop {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
  /** The request's TLS trust; it follows redirects (a pin then only admits the same certificate). */
  readonly tls?: HttpTls;
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Headers that describe a body; dropped with the body when a redirect switches to GET. */
const BODY_HEADERS: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
  'transfer-encoding',
]);
/** Headers that must not follow a redirect to another origin. */
const ORIGIN_BOUND_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'cookie',
  'proxy-authorization',
  'host',
]);

function withoutHeaders(headers: Readonly<Record<string, string>>, names: ReadonlySet<string>) {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.has(name.toLowerCase())));
}

/**
 * The request a redirect response asks for, or null when the response is final (not a redirect status, or
 * no Location). As browsers do: 303 (except for HEAD), and 301/302 after a POST, become a GET without body;
 * credentials and Host are not sent to another origin.
 */
export function nextHop(hop: Hop, status: number, location: string | string[] | undefined): Hop | null {
  if (!REDIRECT_STATUSES.has(status)) return null;
  const target = Array.isArray(location) ? location[0] : location;
  if (target === undefined || target === '') return null;
  let url: URL;
  try {
    url = new URL(target, hop.url);
  } catch {
    throw new HttpRequestError(`The server answered ${status} with an invalid Location header`);
  }
  const toGet =
    (status === 303 && hop.method !== 'HEAD') ||
    ((status === 301 || status === 302) && hop.method === 'POST');
  let headers = toGet ? withoutHeaders(hop.headers, BODY_HEADERS) : hop.headers;
  if (url.origin !== hop.url.origin) headers = withoutHeaders(headers, ORIGIN_BOUND_HEADERS);
  return {
    method: toGet ? 'GET' : hop.method,
    url,
    headers,
    body: toGet ? undefined : hop.body,
    ...(hop.tls ? { tls: hop.tls } : {}),
  };
}
