import type { HttpPort } from '../nodes/contract.js';

/**
 * An HttpPort that adds W3C `traceparent` (and the caller's `tracestate`) to every request, unless the
 * node's configuration already set them (a header the user wrote wins).
 */
export function tracedHttp(http: HttpPort, traceparent: string, tracestate: string | null): HttpPort {
  return {
    request(req) {
      const names = Object.keys(req.headers).map((name) => name.toLowerCase());
      if (names.includes('traceparent')) return http.request(req);
      const headers: Record<string, string> = { ...req.headers, traceparent };
      if (tracestate && !names.includes('tracestate')) headers.tracestate = tracestate;
      return http.request({ ...req, headers });
    },
  };
}
