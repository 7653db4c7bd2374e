import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { type CidrList, isAddressAllowed } from './cidr.js';
import { HttpBlockedError, HttpRequestError } from './errors.js';

/** Resolves every address of a host name (node:dns `lookup` with `all: true` satisfies it). */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for net/tls `connect` (handed to undici's connector) that resolves the host name and refuses
 * the connection if ANY answer is outside the allowed space: a name that mixes public and private answers is
 * a DNS-rebinding pattern and is never half-trusted. Because the check happens where the socket connects,
 * the address that is checked is the address that is used.
 *
 * Node 20's `net.connect` (auto family selection) asks for `{ all: true }` and gets the array; older
 * callers ask for one address and get the first.
 */
export function createGuardedLookup(allowed: CidrList, resolveAll: ResolveAll = dnsLookup): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolveAll(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const refused = addresses.find((answer) => !isAddressAllowed(answer.address, allowed));
      if (refused !== undefined) return callback(HttpBlockedError.forAddress(refused.address, hostname), '');
      const first = addresses[0];
      if (first === undefined)
        return callback(new HttpRequestError(`DNS lookup of ${hostname} found no address`), '');
      if (options.all === true) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}
