import ipaddr from 'ipaddr.js';
import { embeddedIPv4, type IpAddress, isPublicAddress } from './public-address.js';

/** One allowed range, with the text it came from (for messages). */
export interface AllowedCidr {
  readonly text: string;
  readonly range: readonly [IpAddress, number];
}

/** The parsed STRATOFLOW_HTTP_ALLOWED_CIDRS: private ranges the operator chose to make reachable. */
export type CidrList = readonly AllowedCidr[];

function parseEntry(text: string): AllowedCidr {
  const [address = '', prefix, ...extra] = text.split('/');
  const validAddress = ipaddr.IPv4.isValidFourPartDecimal(address) || ipaddr.IPv6.isValid(address);
  const validPrefix = prefix === undefined || /^\d{1,3}$/.test(prefix);
  if (validAddress && validPrefix && extra.length === 0) {
    const parsed = ipaddr.parse(address);
    const maxBits = parsed.kind() === 'ipv4' ? 32 : 128;
    const bits = prefix === undefined ? maxBits : Number(prefix);
    if (bits <= maxBits) return { text, range: [parsed, bits] };
  }
  throw new Error(
    `Invalid entry "${text}" in the allowed CIDR list: expected an IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8`,
  );
}

/** Parses a comma-separated list of CIDRs (a bare address means just that host). Throws on a bad entry. */
export function parseCidrList(text: string | undefined): CidrList {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseEntry);
}

function inList(address: IpAddress, allowed: CidrList): boolean {
  const asIpv6 = address.kind() === 'ipv4' ? (address as ipaddr.IPv4).toIPv4MappedAddress() : address;
  return allowed.some(({ range: [network, bits] }) => {
    if (network.kind() === address.kind()) return address.match(network, bits);
    return network.kind() === 'ipv6' && asIpv6.match(network, bits);
  });
}

/**
 * Whether Stratoflow may connect to `address` (an IP address without brackets; a zone id is allowed).
 * Public addresses always may; private, loopback, link-local, CGNAT, multicast, reserved and similar
 * ones (also when embedded in IPv4-mapped, NAT64, 6to4 or Teredo IPv6) only inside an allowed CIDR.
 * Anything that is not an IP address is refused.
 */
export function isAddressAllowed(address: string, allowed: CidrList): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (isPublicAddress(parsed) || inList(parsed, allowed)) return true;
  if (parsed.kind() === 'ipv4') return false;
  const embedded = embeddedIPv4(parsed as ipaddr.IPv6);
  return embedded !== undefined && embedded.length > 0 && embedded.every((ipv4) => inList(ipv4, allowed));
}
