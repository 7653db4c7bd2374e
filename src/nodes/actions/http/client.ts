import { STATUS_CODES } from 'node:http';
import type { Agent, Dispatcher } from 'undici';
import type { HttpPort, HttpRequest, HttpResponse, HttpTls } from '../../contract.js';
import { parseCidrList } from './cidr.js';
import { startDeadline } from './deadline.js';
import { assertDestinationAllowed, parseRequestUrl } from './destination.js';
import { HttpRequestError } from './errors.js';
import { createGuardedLookup } from './guarded-lookup.js';
import { type Hop, nextHop } from './redirects.js';
import { declaredBodyLength, discard, flattenHeaders, parseBody, readCappedBody } from './response-body.js';
import { createTrustingAgent, trustKey } from './tls-trust.js';
import { translateTransportError } from './transport-errors.js';

export interface HttpClientOptions {
  /** Comma-separated CIDRs that may be reached although private (STRATOFLOW_HTTP_ALLOWED_CIDRS). */
  allowedCidrs?: string;
  /** Largest response body accepted, in bytes. Default 10 MiB. */
  maxResponseBytes?: number;
  /** Time allowed to open a connection (TCP and TLS). Default 10 s. */
  connectTimeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
}

export interface HttpClient extends HttpPort {
  /** Closes pooled connections; pending requests finish first. */
  close(): Promise<void>;
}

const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Agents kept for requests with their own TLS trust (a pinned router, the platform's CA); oldest closed first. */
const MAX_TRUST_AGENTS = 32;

/**
 * The outbound HTTP client nodes use. It refuses private and internal destinations (IP literals before
 * sending, host names at DNS resolution, on every redirect hop), bounds time and response size, and returns
 * every HTTP status as a response: what a status means is the calling node's business.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const allowed = parseCidrList(options.allowedCidrs);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const connect = { timeout: connectTimeoutMs, lookup: createGuardedLookup(allowed) };
  // undici (a hundred modules) is loaded by the first request, not by every process that never sends one.
  let undici: Promise<typeof import('undici')> | null = null;
  let agent: Agent | null = null;
  const trusting = new Map<string, Agent>();

  /** The shared agent, or the one for this request's TLS trust (same guarded lookup, same timeouts). */
  async function agentFor(tls: HttpTls | undefined): Promise<Agent> {
    undici ??= import('undici');
    const loaded = await undici;
    if (tls === undefined) {
      agent ??= new loaded.Agent({ connect });
      return agent;
    }
    const key = trustKey(tls);
    let found = trusting.get(key);
    if (!found) {
      found = createTrustingAgent(loaded, connect, tls);
      trusting.set(key, found);
      if (trusting.size > MAX_TRUST_AGENTS) {
        const [oldestKey, oldest] = trusting.entries().next().value as [string, Agent];
        trusting.delete(oldestKey);
        void oldest.close();
      }
    }
    return found;
  }

  async function send(hop: Hop, timeoutMs: number, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    return (await agentFor(hop.tls)).request({
      origin: hop.url.origin,
      path: `${hop.url.pathname}${hop.url.search}`,
      method: hop.method as Dispatcher.HttpMethod,
      headers: hop.headers,
      body: hop.body,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async function follow(first: Hop, timeoutMs: number, signal: AbortSignal): Promise<HttpResponse> {
    let hop = first;
    for (let redirects = 0; ; redirects++) {
      assertDestinationAllowed(hop.url, allowed);
      const response = await send(hop, timeoutMs, signal);
      let next: Hop | null;
      try {
        next = nextHop(hop, response.statusCode, response.headers.location);
      } catch (err) {
        discard(response.body);
        throw err;
      }
      if (next === null) {
        const headers = flattenHeaders(response.headers);
        const declaredLength = declaredBodyLength(hop.method, response.statusCode, headers);
        const bytes = await readCappedBody(response.body, declaredLength, maxResponseBytes);
        return {
          status: response.statusCode,
          statusText: response.statusText || STATUS_CODES[response.statusCode] || '',
          headers,
          body: parseBody(bytes, headers['content-type']),
        };
      }
      await response.body.dump();
      if (redirects >= maxRedirects)
        throw new HttpRequestError(`Too many redirects (more than ${maxRedirects})`);
      hop = next;
    }
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const url = parseRequestUrl(req.url);
    const first: Hop = {
      method: req.method.toUpperCase(),
      url,
      headers: req.headers,
      body: req.body,
      ...(req.tls ? { tls: req.tls } : {}),
    };
    const deadline = startDeadline(req.timeoutMs, req.signal);
    try {
      return await follow(first, req.timeoutMs, deadline.signal);
    } catch (err) {
      throw translateTransportError(err, deadline, { requestMs: req.timeoutMs, connectMs: connectTimeoutMs });
    } finally {
      deadline.dispose();
    }
  }

  async function close(): Promise<void> {
    await Promise.all([agent?.close(), ...[...trusting.values()].map((a) => a.close())]);
    trusting.clear();
  }

  return { request, close };
}
