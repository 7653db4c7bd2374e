import ipaddr from 'ipaddr.js';

/**
 * Which addresses are "public": routable on the internet and not this host, its network or a cloud
 * metadata service. Everything ipaddr.js classifies as special (private, loopback, link-local, CGNAT,
 * multicast, broadcast, reserved, documentation, benchmarking, ...) is not; IPv6 forms that embed an
 * IPv4 address are judged by the address they embed.
 */

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** Anycast services that are ordinary internet destinations; every other special range is internal. */
const PUBLIC_IPV4_RANGES: ReadonlySet<string> = new Set(['unicast', 'as112', 'amt']);
const PUBLIC_IPV6_RANGES: ReadonlySet<string> = new Set(['unicast', 'as112v6', 'amt']);
/** 2000::/3, the only IPv6 space IANA hands out for global unicast; the rest is unassigned. */
const GLOBAL_UNICAST_IPV6: [ipaddr.IPv6, number] = ipaddr.IPv6.parseCIDR('2000::/3');
/** RFC 6052's well-known NAT64 prefix; the local-use 64:ff9b:1::/48 may embed anywhere, so it stays internal. */
const NAT64_WELL_KNOWN: [ipaddr.IPv6, number] = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

function ipv4FromWords(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/**
 * The IPv4 addresses an IPv6 address stands for: IPv4-mapped and -translated (::ffff:a.b.c.d,
 * ::ffff:0:a.b.c.d), NAT64 (64:ff9b::a.b.c.d), 6to4 (2002:AABB:CCDD::) and Teredo (server and client).
 * `undefined` when the address embeds none; an empty array when it embeds one we cannot locate.
 */
export function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] | undefined {
  const w = address.parts;
  const word = (index: number): number => w[index] ?? 0;
  switch (address.range() as string) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return [ipv4FromWords(word(6), word(7))];
    case 'rfc6052':
      return address.match(NAT64_WELL_KNOWN) ? [ipv4FromWords(word(6), word(7))] : [];
    case '6to4':
      return [ipv4FromWords(word(1), word(2))];
    case 'teredo':
      return [ipv4FromWords(word(2), word(3)), ipv4FromWords(word(6) ^ 0xffff, word(7) ^ 0xffff)];
    default:
      return undefined;
  }
}

export function isPublicAddress(address: IpAddress): boolean {
  if (address.kind() === 'ipv4') return PUBLIC_IPV4_RANGES.has(address.range());
  const ipv6 = address as ipaddr.IPv6;
  const embedded = embeddedIPv4(ipv6);
  if (embedded !== undefined) return embedded.length > 0 && embedded.every(isPublicAddress);
  const range = ipv6.range() as string;
  if (range === 'unicast') return ipv6.match(GLOBAL_UNICAST_IPV6);
  return PUBLIC_IPV6_RANGES.has(range);
}
