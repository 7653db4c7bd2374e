import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import { type CidrList, isAddressAllowed } from '../http/cidr.js';
import { HttpBlockedError } from '../http/errors.js';
import type { ResolveAll } from '../http/guarded-lookup.js';
import { ConnectionError, describeCause, describeDnsFailure } from './connection-error.js';

/**
 * The address guard for connections that are not HTTP (SSH, SMTP): the same rule as the webhook node's
 * guarded lookup, applied before connecting. `resolve` returns the one address the caller must connect
 * to, so what was checked is what is used (no second DNS lookup between check and connect).
 */
export interface OutboundGuard {
  /** An allowed address of `host` (a name or an IP literal); throws when any DNS answer is not allowed. */
  resolve(host: string): Promise<string>;
}

/**
 * The refusal. For a host name it does not say what the name resolved to: a workflow author must not
 * learn the internal address behind a name by trying it.
 */
export function destinationNotAllowed(host: string): HttpBlockedError {
  return new HttpBlockedError(
    `Destination ${host} is not allowed: it is or resolves to a private or internal address; allow it with STRATOFLOW_HTTP_ALLOWED_CIDRS`,
  );
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

export function createOutboundGuard(allowed: CidrList, resolveAll: ResolveAll = dnsLookup): OutboundGuard {
  return {
    resolve(hostInput: string): Promise<string> {
      const host = unbracket(hostInput.trim());
      if (isIP(host) !== 0) {
        return isAddressAllowed(host, allowed)
          ? Promise.resolve(host)
          : Promise.reject(destinationNotAllowed(host));
      }
      return new Promise((resolve, reject) => {
        resolveAll(host, { all: true }, (err, addresses) => {
          if (err) {
            const dns = describeDnsFailure(Object.assign(err, { hostname: host }));
            const reason = dns ?? `DNS lookup failed (${describeCause(err)})`;
            return reject(new ConnectionError(host, reason, err));
          }
          const first = addresses[0];
          if (first === undefined) return reject(new ConnectionError(host, 'DNS lookup found no address'));
          if (addresses.some((answer) => !isAddressAllowed(answer.address, allowed)))
            return reject(destinationNotAllowed(host));
          resolve(first.address);
        });
      });
    },
  };
}
