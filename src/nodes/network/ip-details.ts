import { z } from 'zod';
import { defineNode } from '../contract.js';
import { describeNetwork, networkConfigFields, networkDetailsSchema } from './ip-network.js';

export const ipDetails = defineNode({
  componentId: 'ip_details',
  kind: 'action',
  network: false,
  title: 'IP address details',
  description:
    'Describes an IPv4 or IPv6 network from `address/prefix` (or an address and a mask): network, broadcast, mask, wildcard, first/last host, host count, private/public/reserved, and whether it contains given addresses or CIDRs. IPv6 counts are decimal strings.',
  config: z.object(networkConfigFields),
  output: networkDetailsSchema,
  handles: [],
  run: (_ctx, config) => ({ output: describeNetwork(config.address, config.mask, config.contains) }),
});
