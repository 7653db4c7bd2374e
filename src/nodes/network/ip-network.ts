import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** What the IP details nodes output. IPv6 counts are decimal strings (they outgrow JSON numbers). */
export const networkDetailsSchema = z.object({
  address: z.string(),
  version: z.union([z.literal(4), z.literal(6)]),
  prefix: z.number().int(),
  cidr: z.string(),
  network: z.string(),
  broadcast: z.string().nullable(),
  netmask: z.string(),
  wildcard: z.string(),
  first_host: z.string(),
  last_host: z.string(),
  host_count: z.union([z.number(), z.string()]),
  total_addresses: z.union([z.number(), z.string()]),
  type: z.enum(['public', 'private', 'reserved']),
  range: z.string(),
  is_private: z.boolean(),
  contains: z.record(z.string(), z.boolean()),
  contains_all: z.boolean(),
});
export type NetworkDetails = z.output<typeof networkDetailsSchema>;

/** Address, prefix or mask, and the addresses/CIDRs to check (shared by ipv4_details and ip_details). */
export const networkConfigFields = {
  /** `192.168.1.10/24`, `192.168.1.10/255.255.255.0`, `2001:db8::1/64`, or a bare address with `mask`. */
  address: z.string({ error: 'Expected an address such as 192.168.1.10/24.' }).trim().min(1),
  /** A prefix length (`24`, `/24`) or a dotted IPv4 mask (`255.255.255.0`), when `address` has none. */
  mask: z.union([z.string(), z.number()]).optional(),
  /** Addresses or CIDRs to test against the network: a list, or text separated by commas or spaces. */
  contains: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) =>
      (typeof value === 'string' ? value.split(/[\s,]+/) : (value ?? []))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
};

const fail = (message: string): never => {
  throw new StratoflowError('node_failed', message);
};

function parseAddress(text: string): Address {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text) && !text.includes('%')) return ipaddr.IPv6.parse(text);
  return fail(`"${text}" is not an IPv4 or IPv6 address.`);
}

function parsePrefix(mask: string, address: Address): number {
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  const text = mask.trim().replace(/^\//, '');
  if (/^\d{1,3}$/.test(text) && Number(text) <= bits) return Number(text);
  if (address.kind() === 'ipv4' && ipaddr.IPv4.isValidFourPartDecimal(text)) {
    const prefix = ipaddr.IPv4.parse(text).prefixLengthFromSubnetMask();
    if (prefix !== null) return prefix;
    return fail(`"${text}" is not a subnet mask (its one bits must be contiguous).`);
  }
  return fail(`"${mask}" is not a prefix length (0-${bits}) or a subnet mask.`);
}

/** The address and prefix an input names: `a/24`, `a/255.255.255.0`, `a` with `mask`, or `a` alone. */
export function parseNetwork(input: string, mask?: string | number): { address: Address; prefix: number } {
  const [text = '', inlineMask, ...extra] = input.trim().split('/');
  if (extra.length > 0) fail(`"${input}" is not an address or CIDR.`);
  const address = parseAddress(text.trim());
  const given = inlineMask ?? (mask === undefined || mask === '' ? undefined : String(mask));
  const prefix = given === undefined ? (address.kind() === 'ipv4' ? 32 : 128) : parsePrefix(given, address);
  return { address, prefix };
}

const toBigInt = (address: Address) =>
  address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);

function fromBigInt(value: bigint, version: 4 | 6): Address {
  const bytes: number[] = [];
  let rest = value;
  for (let i = 0; i < (version === 4 ? 4 : 16); i++) {
    bytes.unshift(Number(rest & 0xffn));
    rest >>= 8n;
  }
  return ipaddr.fromByteArray(bytes) as Address;
}

const RANGE_NAMES: Record<string, string> = {
  carrierGradeNat: 'shared',
  unicast: 'global',
};

function snake(name: string): string {
  return RANGE_NAMES[name] ?? name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** True when `candidate` (an address or CIDR) lies wholly inside `network/prefix`. */
function containsEntry(network: bigint, last: bigint, version: 4 | 6, candidate: string): boolean {
  let parsed: { address: Address; prefix: number };
  try {
    parsed = parseNetwork(candidate);
  } catch {
    return fail(`contains: "${candidate}" is not an address or CIDR.`);
  }
  if ((parsed.address.kind() === 'ipv4' ? 4 : 6) !== version) return false;
  const bits = version === 4 ? 32 : 128;
  const size = 1n << BigInt(bits - parsed.prefix);
  const start = (toBigInt(parsed.address) / size) * size;
  return start >= network && start + size - 1n <= last;
}

/**
 * Everything about a network. Conventions: a /31 (IPv4) has two hosts and no broadcast (RFC 3021), a /32
 * (or /128) one host; IPv6 has no broadcast and every address counts as a host; `wildcard` is the
 * inverted mask. `type` is private (RFC 1918, IPv6 unique local), public (global unicast) or reserved
 * (everything else: loopback, link-local, shared 100.64/10, multicast, documentation...), and `range`
 * names the specific block.
 */
export function describeNetwork(
  input: string,
  mask: string | number | undefined,
  contains: string[],
): NetworkDetails {
  const { address, prefix } = parseNetwork(input, mask);
  const version = address.kind() === 'ipv4' ? 4 : 6;
  const bits = version === 4 ? 32 : 128;
  const size = 1n << BigInt(bits - prefix);
  const all = (1n << BigInt(bits)) - 1n;
  const maskValue = all ^ (size - 1n);
  const network = toBigInt(address) & maskValue;
  const last = network + size - 1n;
  const small = version === 4 && prefix >= 31;
  const hasBroadcast = version === 4 && !small;
  const first = hasBroadcast ? network + 1n : network;
  const lastHost = hasBroadcast ? last - 1n : last;
  const hosts = hasBroadcast ? size - 2n : size;
  const show = (value: bigint) => fromBigInt(value, version).toString();
  const count = (value: bigint) => (version === 4 ? Number(value) : value.toString());
  const rangeName = address.range();
  const type =
    rangeName === 'private' || rangeName === 'uniqueLocal'
      ? 'private'
      : rangeName === 'unicast'
        ? 'public'
        : 'reserved';
  const checks = Object.fromEntries(
    contains.map((entry) => [entry, containsEntry(network, last, version, entry)]),
  );
  return {
    address: address.toString(),
    version,
    prefix,
    cidr: `${show(network)}/${prefix}`,
    network: show(network),
    broadcast: hasBroadcast ? show(last) : null,
    netmask: show(maskValue),
    wildcard: show(all ^ maskValue),
    first_host: show(first),
    last_host: show(lastHost),
    host_count: count(hosts),
    total_addresses: count(size),
    type,
    range: snake(rangeName),
    is_private: type === 'private',
    contains: checks,
    contains_all: Object.values(checks).every(Boolean),
  };
}
