import { z } from 'zod';
import { defineNode } from '../contract.js';
import { describeNetwork, networkConfigFields, networkDetailsSchema } from './ip-network.js';

export const ipDetails = defineNode({
  componentId: 'ip_details',
  kind: 'action',
  network: false,
  pure: true,
  title: 'IP address details',
  description:
    'Describes an IPv4 or IPv6 network from `address/prefix` (or an address and a mask): network, broadcast, mask, wildcard, first/last host, host count, private/public/reserved, and whether it contains given addresses or CIDRs. IPv6 counts are decimal strings.',
  config: z.object(networkConfigFields),
  output: networkDetailsSchema,
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
  run: (_ctx, config) => ({ output: describeNetwork(config.address, config.mask, config.contains) }),
});
