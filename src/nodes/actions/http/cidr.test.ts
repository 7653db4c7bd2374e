import { describe, expect, it } from 'vitest';
import { isAddressAllowed, parseCidrList } from './cidr.js';

const none = parseCidrList(undefined);

describe('isAddressAllowed with no allow list', () => {
  it.each([
    ['10.0.0.1', 'private 10/8'],
    ['172.16.5.4', 'private 172.16/12'],
    ['172.31.255.255', 'private 172.16/12, top'],
    ['192.168.1.1', 'private 192.168/16'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback /8'],
    ['169.254.169.254', 'cloud metadata (link-local)'],
    ['169.254.1.1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this network'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT, top'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fc00::1', 'unique local fc00::/7'],
    ['fd12:3456::1', 'unique local fd'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['ff02::1', 'IPv6 multicast'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:0:10.0.0.1', 'IPv4-translated private'],
    ['64:ff9b::10.0.0.1', 'NAT64 of a private address'],
    ['64:ff9b::127.0.0.1', 'NAT64 of loopback'],
    ['64:ff9b:1::a00:1', 'local-use NAT64 prefix (embedding unknown)'],
    ['2002:7f00:1::1', '6to4 of loopback'],
    ['2002:a9fe:a9fe::1', '6to4 of the metadata address'],
    ['::127.0.0.1', 'deprecated IPv4-compatible form (not global unicast)'],
    ['localhost', 'a host name, not an address'],
    ['not an ip', 'garbage'],
    ['', 'empty'],
  ])('refuses %s (%s)', (address) => {
    expect(isAddressAllowed(address, none)).toBe(false);
  });

  it.each([
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['93.184.216.34'],
    ['172.32.0.1'], // just above 172.16/12
    ['100.128.0.1'], // just above 100.64/10
    ['2606:4700:4700::1111'],
    ['::ffff:8.8.8.8'],
    ['64:ff9b::8.8.8.8'],
    ['2002:808:808::1'],
  ])('allows the public address %s', (address) => {
    expect(isAddressAllowed(address, none)).toBe(true);
  });
});

describe('isAddressAllowed with an allow list', () => {
  const loopback = parseCidrList('127.0.0.0/8, ::1/128');

  it('allows addresses inside the listed ranges', () => {
    expect(isAddressAllowed('127.0.0.1', loopback)).toBe(true);
    expect(isAddressAllowed('127.9.9.9', loopback)).toBe(true);
    expect(isAddressAllowed('::1', loopback)).toBe(true);
  });

  it('allows the IPv4-mapped form of an allowed IPv4 address', () => {
    expect(isAddressAllowed('::ffff:127.0.0.1', loopback)).toBe(true);
  });

  it('still refuses private addresses outside the listed ranges', () => {
    expect(isAddressAllowed('10.0.0.1', loopback)).toBe(false);
    expect(isAddressAllowed('169.254.169.254', loopback)).toBe(false);
    expect(isAddressAllowed('::ffff:10.0.0.1', loopback)).toBe(false);
    expect(isAddressAllowed('fd00::1', loopback)).toBe(false);
  });

  it('treats a bare address as a single host', () => {
    const single = parseCidrList('10.1.2.3');
    expect(isAddressAllowed('10.1.2.3', single)).toBe(true);
    expect(isAddressAllowed('10.1.2.4', single)).toBe(false);
  });

  it('matches an IPv4 address against an IPv4-mapped IPv6 range', () => {
    expect(isAddressAllowed('10.0.0.7', parseCidrList('::ffff:10.0.0.0/104'))).toBe(true);
  });

  it('respects the prefix length', () => {
    const narrow = parseCidrList('192.168.1.0/24');
    expect(isAddressAllowed('192.168.1.200', narrow)).toBe(true);
    expect(isAddressAllowed('192.168.2.1', narrow)).toBe(false);
  });
});

describe('parseCidrList', () => {
  it('returns an empty list for undefined, empty or blank input', () => {
    expect(parseCidrList(undefined)).toEqual([]);
    expect(parseCidrList('')).toEqual([]);
    expect(parseCidrList(' , ')).toEqual([]);
  });

  it('keeps the text of each entry', () => {
    expect(parseCidrList(' 10.0.0.0/8 ,fd00::/8,').map((entry) => entry.text)).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
    ]);
  });

  it.each([
    'nonsense',
    '10.0.0.0/33',
    '::1/129',
    '10.0.0/8',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '10.0.0.0/-1',
    '0x7f.1',
    '300.1.1.1/32',
    'example.com',
  ])('throws an error naming the invalid entry %j', (entry) => {
    expect(() => parseCidrList(`127.0.0.0/8,${entry}`)).toThrow(`Invalid entry "${entry}"`);
  });
});
