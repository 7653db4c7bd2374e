import type { WorkflowDefinition, WorkflowNode } from '../domain/types.js';
import type { AnyNodeDefinition } from '../nodes/contract.js';
import type { NodeRegistry } from '../nodes/registry.js';
import { buildGraph, type Graph } from './graph.js';
import { findSecretReferences, type SecretReferences } from './secrets.js';

/** A pinned definition prepared for execution: graph, trigger, and each node's component. */
export interface CompiledDefinition {
  graph: Graph;
  triggerId: string;
  components: ReadonlyMap<string, AnyNodeDefinition>;
  nodes: ReadonlyMap<string, WorkflowNode>;
  /** Vault names and ids the nodes refer to, loaded once per run. */
  secretRefs: SecretReferences;
  /** Whether a node may ask people (a form): the executor then reads the run's interactions. */
  interactive: boolean;
  /** Nodes with a one-time link, whose URL the run knows from its start. */
  linkNodes: readonly string[];
  /** The workflow's `strict_variables` setting (of this version). */
  strictVariables: boolean;
}

export function compileDefinition(
  definition: WorkflowDefinition,
  registry: NodeRegistry,
): CompiledDefinition {
  const graph = buildGraph(definition);
  const components = new Map<string, AnyNodeDefinition>();
  let triggerId: string | null = null;
  let interactive = false;
  const linkNodes: string[] = [];
  for (const node of definition.nodes) {
    const component = registry.get(node.data.componentId);
    if (!component) throw new Error(`Node '${node.id}' uses unknown component '${node.data.componentId}'.`);
    components.set(node.id, component);
    if (component.kind === 'trigger') triggerId = node.id;
    if (component.interactive) interactive = true;
    if (component.interactive?.link(node.data)) linkNodes.push(node.id);
  }
  if (!triggerId) throw new Error('The workflow has no trigger node.');
  const secretRefs = findSecretReferences(definition.nodes.map((n) => n.data));
  const strictVariables = definition.settings?.strict_variables === true;
  return {
    graph,
    triggerId,
    components,
    nodes: graph.nodes,
    secretRefs,
    interactive,
    linkNodes,
    strictVariables,
  };
}

/**
 * Versions are immutable, so compiled definitions are cached by version id (bounded, oldest dropped).
 */
export function createDefinitionCache(
  load: (versionId: string) => Promise<WorkflowDefinition | null>,
  registry: NodeRegistry,
  capacity = 500,
) {
  const cache = new Map<string, CompiledDefinition>();
  return {
    async get(versionId: string): Promise<CompiledDefinition | null> {
      const hit = cache.get(versionId);
      if (hit) return hit;
      const definition = await load(versionId);
      if (!definition) return null;
      const compiled = compileDefinition(definition, registry);
      if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
      cache.set(versionId, compiled);
      return compiled;
    },
  };
}

export type DefinitionCache = ReturnType<typeof createDefinitionCache>;
