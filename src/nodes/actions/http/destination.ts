import { isIPv4 } from 'node:net';
import { StratoflowError } from '../../../domain/errors.js';
import { type CidrList, isAddressAllowed } from './cidr.js';
import { HttpBlockedError } from './errors.js';

/** Parses the URL a node asked for. The URL is not echoed back: its query string may hold a secret. */
export function parseRequestUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new StratoflowError('node_config_invalid', 'The request URL is not a valid absolute URL.');
  }
}

/** The IP address a URL's host spells out, or null for a host name (which the guarded lookup checks). */
export function ipLiteralOf(url: URL): string | null {
  const host = url.hostname;
  if (host.startsWith('[') && host.endsWith(']')) return host.slice(1, -1);
  // The WHATWG parser already normalised 0x7f.1, 2130706433 and friends to dotted quads.
  return isIPv4(host) ? host : null;
}

/**
 * Refuses, before any connection is attempted, a URL whose scheme is not http(s) or whose host is an IP
 * literal outside the allowed space. Called for the first request and for every redirect hop.
 */
export function assertDestinationAllowed(url: URL, allowed: CidrList): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpBlockedError(`Only http: and https: URLs can be requested, not ${url.protocol}`);
  }
  const literal = ipLiteralOf(url);
  if (literal !== null && !isAddressAllowed(literal, allowed)) throw HttpBlockedError.forAddress(literal);
}
