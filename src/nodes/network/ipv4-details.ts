import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { defineNode } from '../contract.js';
import { describeNetwork, networkConfigFields, networkDetailsSchema, parseNetwork } from './ip-network.js';

export const ipv4Details = defineNode({
  componentId: 'ipv4_details',
  kind: 'action',
  network: false,
  pure: true,
  title: 'IPv4 address details',
  description:
    'Describes an IPv4 network from `address/prefix` or an address and a mask (255.255.255.0): network, broadcast, mask, wildcard, first/last host, host count, private/public/reserved, and whether it contains given addresses or CIDRs. `ip_details` does the same for IPv6.',
  config: z.object(networkConfigFields),
  output: networkDetailsSchema.extend({
    version: z.literal(4),
    host_count: z.number(),
    total_addresses: z.number(),
  }),
  outputExample: {
    address: '192.168.10.77',
    version: 4,
    prefix: 24,
    cidr: '192.168.10.0/24',
    network: '192.168.10.0',
    broadcast: '192.168.10.255',
    netmask: '255.255.255.0',
    wildcard: '0.0.0.255',
    first_host: '192.168.10.1',
    last_host: '192.168.10.254',
    host_count: 254,
    total_addresses: 256,
    type: 'private',
    range: '192.168.0.0/16',
    is_private: true,
    contains: { '192.168.10.5': true },
    contains_all: true,
  },
  handles: [],
  run: (_ctx, config) => {
    if (parseNetwork(config.address, config.mask).address.kind() !== 'ipv4') {
      throw new StratoflowError(
        'node_failed',
        'ipv4_details takes an IPv4 address; use ip_details for IPv6.',
      );
    }
    return { output: describeNetwork(config.address, config.mask, config.contains) };
  },
});
