import { actionNodes } from './actions/index.js';
import { conditionNodes } from './conditions/index.js';
import type { AnyNodeDefinition } from './contract.js';
import { dataNodes } from './data/index.js';
import { flowNodes } from './flow/index.js';
import { linkAndFileNodes } from './links-and-files/index.js';
import { networkNodes } from './network/index.js';
import { platformNodes } from './platform/index.js';
import { triggerNodes } from './triggers/index.js';

/** Looks components up by `componentId`. The catalogue, validation and the executor all read it. */
export interface NodeRegistry {
  get(componentId: string): AnyNodeDefinition | undefined;
  list(): readonly AnyNodeDefinition[];
}

export function createNodeRegistry(definitions: readonly AnyNodeDefinition[]): NodeRegistry {
  const byId = new Map<string, AnyNodeDefinition>();
  for (const definition of definitions) {
    if (byId.has(definition.componentId)) throw new Error(`Duplicate component ${definition.componentId}`);
    byId.set(definition.componentId, definition);
  }
  return { get: (id) => byId.get(id), list: () => [...byId.values()] };
}

/** Every component Stratoflow ships. */
export function builtinNodes(): AnyNodeDefinition[] {
  return [
    ...triggerNodes,
    ...actionNodes,
    ...dataNodes,
    ...networkNodes,
    ...flowNodes,
    ...linkAndFileNodes,
    ...platformNodes,
    ...conditionNodes,
  ];
}
