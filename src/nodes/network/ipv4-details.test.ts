import { describe, expect, it } from 'vitest';
import { runNode, runNodeOutput } from '../test-context.js';
import { ipDetails } from './ip-details.js';
import { ipv4Details } from './ipv4-details.js';

const details = async (raw: Record<string, unknown>, node = ipv4Details) =>
  (await runNodeOutput(node, raw)).output as Record<string, unknown>;

/**
 * Worked out by hand (binary arithmetic on the mask), not by the code under test:
 * input, network, broadcast, netmask, wildcard, first host, last host, usable hosts, type, range.
 */
type Row = [
  string,
  string | undefined,
  string,
  string | null,
  string,
  string,
  string,
  string,
  number,
  string,
  string,
];
// biome-ignore format: one network per line reads as a table
const NETWORKS: Row[] = [
  ['192.168.1.10/24', undefined, '192.168.1.0', '192.168.1.255', '255.255.255.0', '0.0.0.255', '192.168.1.1', '192.168.1.254', 254, 'private', 'private'],
  ['10.0.0.1/8', undefined, '10.0.0.0', '10.255.255.255', '255.0.0.0', '0.255.255.255', '10.0.0.1', '10.255.255.254', 16777214, 'private', 'private'],
  ['172.16.5.4/30', undefined, '172.16.5.4', '172.16.5.7', '255.255.255.252', '0.0.0.3', '172.16.5.5', '172.16.5.6', 2, 'private', 'private'],
  ['172.16.5.5/31', undefined, '172.16.5.4', null, '255.255.255.254', '0.0.0.1', '172.16.5.4', '172.16.5.5', 2, 'private', 'private'],
  ['203.0.113.77/32', undefined, '203.0.113.77', null, '255.255.255.255', '0.0.0.0', '203.0.113.77', '203.0.113.77', 1, 'reserved', 'reserved'],
  ['100.64.0.1/10', undefined, '100.64.0.0', '100.127.255.255', '255.192.0.0', '0.63.255.255', '100.64.0.1', '100.127.255.254', 4194302, 'reserved', 'shared'],
  ['0.0.0.0/0', undefined, '0.0.0.0', '255.255.255.255', '0.0.0.0', '255.255.255.255', '0.0.0.1', '255.255.255.254', 4294967294, 'reserved', 'unspecified'],
  ['8.8.8.8/20', undefined, '8.8.0.0', '8.8.15.255', '255.255.240.0', '0.0.15.255', '8.8.0.1', '8.8.15.254', 4094, 'public', 'global'],
  ['192.168.100.200', '255.255.254.0', '192.168.100.0', '192.168.101.255', '255.255.254.0', '0.0.1.255', '192.168.100.1', '192.168.101.254', 510, 'private', 'private'],
  ['169.254.10.20/255.255.0.0', undefined, '169.254.0.0', '169.254.255.255', '255.255.0.0', '0.0.255.255', '169.254.0.1', '169.254.255.254', 65534, 'reserved', 'link_local'],
  ['127.0.0.1', '/8', '127.0.0.0', '127.255.255.255', '255.0.0.0', '0.255.255.255', '127.0.0.1', '127.255.255.254', 16777214, 'reserved', 'loopback'],
  ['198.51.100.14', '28', '198.51.100.0', '198.51.100.15', '255.255.255.240', '0.0.0.15', '198.51.100.1', '198.51.100.14', 14, 'reserved', 'reserved'],
];

describe('ipv4_details', () => {
  it.each(NETWORKS)(
    '%s (mask %s)',
    async (address, mask, network, broadcast, netmask, wildcard, first, last, hosts, type, range) => {
      const out = await details({ address, ...(mask ? { mask } : {}) });
      expect(out).toMatchObject({
        network,
        broadcast,
        netmask,
        wildcard,
        first_host: first,
        last_host: last,
        host_count: hosts,
        type,
        range,
        is_private: type === 'private',
        version: 4,
      });
      expect(out.cidr).toBe(`${network}/${out.prefix}`);
    },
  );

  it('a bare address is a /32', async () => {
    expect(await details({ address: '192.0.2.1' })).toMatchObject({
      prefix: 32,
      host_count: 1,
      total_addresses: 1,
    });
  });

  it('checks whether addresses and CIDRs lie inside the network', async () => {
    const out = await details({
      address: '192.168.1.10/24',
      contains: '192.168.1.1, 192.168.1.255 192.168.2.1,192.168.1.128/25,192.168.0.0/16,2001:db8::1',
    });
    expect(out.contains).toEqual({
      '192.168.1.1': true,
      '192.168.1.255': true,
      '192.168.2.1': false,
      '192.168.1.128/25': true,
      '192.168.0.0/16': false,
      '2001:db8::1': false,
    });
    expect(out.contains_all).toBe(false);
    expect((await details({ address: '10.0.0.0/8', contains: ['10.1.2.3'] })).contains_all).toBe(true);
  });

  it('fails on what is not an IPv4 network', async () => {
    await expect(runNode(ipv4Details, { address: '2001:db8::/32' })).rejects.toThrow(
      'use ip_details for IPv6',
    );
    await expect(runNode(ipv4Details, { address: '300.1.1.1/24' })).rejects.toThrow(
      'is not an IPv4 or IPv6 address',
    );
    await expect(runNode(ipv4Details, { address: '10.0.0.1/33' })).rejects.toThrow('is not a prefix length');
    await expect(runNode(ipv4Details, { address: '10.0.0.1', mask: '255.0.255.0' })).rejects.toThrow(
      'contiguous',
    );
    await expect(runNode(ipv4Details, { address: '10.0.0.1/8', contains: 'nope' })).rejects.toThrow(
      'contains: "nope"',
    );
  });
});

describe('ip_details', () => {
  it('describes IPv6 networks, with counts as decimal strings and no broadcast', async () => {
    expect(
      await details(
        { address: '2001:db8:abcd:12::7/64', contains: ['2001:db8:abcd:12::ff', '2001:db8::/32'] },
        ipDetails,
      ),
    ).toMatchObject({
      version: 6,
      network: '2001:db8:abcd:12::',
      broadcast: null,
      netmask: 'ffff:ffff:ffff:ffff::',
      wildcard: '::ffff:ffff:ffff:ffff',
      first_host: '2001:db8:abcd:12::',
      last_host: '2001:db8:abcd:12:ffff:ffff:ffff:ffff',
      host_count: '18446744073709551616',
      type: 'reserved',
      range: 'reserved',
      contains: { '2001:db8:abcd:12::ff': true, '2001:db8::/32': false },
    });
    expect(await details({ address: 'fd12:3456::1/48' }, ipDetails)).toMatchObject({
      type: 'private',
      range: 'unique_local',
      cidr: 'fd12:3456::/48',
    });
    expect(await details({ address: '2606:4700::1111' }, ipDetails)).toMatchObject({
      type: 'public',
      prefix: 128,
      host_count: '1',
    });
  });

  it('answers IPv4 exactly as ipv4_details does', async () => {
    for (const [address, mask] of NETWORKS) {
      const raw = { address, ...(mask ? { mask } : {}) };
      expect(await details(raw, ipDetails)).toEqual(await details(raw));
    }
  });
});
