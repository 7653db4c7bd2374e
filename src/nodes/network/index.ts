import type { AnyNodeDefinition } from '../contract.js';
import { ipDetails } from './ip-details.js';
import { ipv4Details } from './ipv4-details.js';
import { wireguardKeyGenerator } from './wireguard-key-generator.js';

/** Every network component: keys and address arithmetic, computed locally. */
export const networkNodes: AnyNodeDefinition[] = [wireguardKeyGenerator, ipv4Details, ipDetails];
