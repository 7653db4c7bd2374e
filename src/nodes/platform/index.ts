import type { AnyNodeDefinition } from '../contract.js';
import { altostratApi } from './altostrat-api.js';
import { mikrotikApi } from './mikrotik-api.js';
import { mikrotikScript } from './mikrotik-script.js';
import { platformPresets } from './presets.js';
import { resourceHasTags } from './resource-has-tags.js';

/** The Altostrat platform and MikroTik components (spec 3.2 "Altostrat / MikroTik", 3.3 tags). */
export const platformNodes: AnyNodeDefinition[] = [
  altostratApi,
  ...platformPresets,
  mikrotikScript,
  mikrotikApi,
  resourceHasTags,
];
