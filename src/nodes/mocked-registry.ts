import { StratoflowError } from '../domain/errors.js';
import type { AnyNodeDefinition, NodeContext, NodeOutcome } from './contract.js';
import type { NodeRegistry } from './registry.js';

/** Which nodes are mocked: a node's stand-in output, looked up per workflow and node id. */
export interface NodeMocks {
  find(workflowId: string, nodeId: string): { output: unknown } | undefined;
}

/** Whether a component reaches outside the process (unset on an action counts as yes; see `network`). */
export function isOutbound(definition: AnyNodeDefinition): boolean {
  if (definition.kind !== 'action') return false;
  return definition.network !== false;
}

/**
 * A mocked condition still routes: `handle` in the mock picks the edge, else a boolean `result` picks
 * `true`/`false` (what condition nodes output); other nodes take their plain edges.
 */
function mockedOutcome(definition: AnyNodeDefinition, output: unknown): NodeOutcome {
  if (definition.kind !== 'condition' || typeof output !== 'object' || output === null) return { output };
  const { handle, result } = output as { handle?: unknown; result?: unknown };
  if (typeof handle === 'string') return { output, handle };
  if (typeof result === 'boolean') return { output, handle: result ? 'true' : 'false' };
  return { output };
}

/**
 * The registry with every component's `run` wrapped: a mocked node answers its mock without running
 * (so it never touches the network), and, unless `allowNetwork`, an unmocked outbound node fails
 * instead of running. Config is still rendered and validated for mocked nodes, like a real run.
 * The executor is unchanged: it only ever sees components.
 */
export function withMockedNodes(
  registry: NodeRegistry,
  mocks: NodeMocks,
  options: { allowNetwork: boolean },
): NodeRegistry {
  const wrapped = new Map<string, AnyNodeDefinition>();
  const wrap = (definition: AnyNodeDefinition): AnyNodeDefinition => ({
    ...definition,
    run(ctx: NodeContext, config: unknown) {
      const mock = mocks.find(ctx.workflowId, ctx.nodeId);
      if (mock) return mockedOutcome(definition, mock.output);
      if (!options.allowNetwork && isOutbound(definition)) {
        throw new StratoflowError(
          'node_failed',
          `Node '${ctx.nodeId}' (${definition.componentId}) reaches the network: mock it or pass --allow-network.`,
        );
      }
      return definition.run(ctx, config);
    },
  });
  for (const definition of registry.list()) wrapped.set(definition.componentId, wrap(definition));
  return { get: (id) => wrapped.get(id), list: () => [...wrapped.values()] };
}
