import { expect, it } from 'vitest';
import type { AnyNodeDefinition } from './contract.js';
import { isOutbound, withMockedNodes } from './mocked-registry.js';
import { builtinNodes, createNodeRegistry } from './registry.js';
import { createTestContext } from './test-context.js';

const registry = createNodeRegistry(builtinNodes());
const mocks = {
  find: (_workflowId: string, nodeId: string) =>
    nodeId === 'm' ? { output: { result: false, why: 'mocked' } } : undefined,
};
const mocked = withMockedNodes(registry, mocks, { allowNetwork: false });
const ctx = (nodeId: string) => createTestContext({ nodeId, workflowId: 'fl_x' });

it('answers a mocked node with its mock, routing a condition by the mocked result', async () => {
  const condition = mocked.get('string_condition');
  const outcome = await condition?.run(ctx('m'), { value: 'a', operator: 'equals', compare_to: 'a' });
  expect(outcome).toEqual({ output: { result: false, why: 'mocked' }, handle: 'false' });
  const real = await condition?.run(ctx('other'), {
    value: 'a',
    operator: 'equals',
    compare_to: 'a',
    case_sensitive: true,
  });
  expect(real).toMatchObject({ handle: 'true' });
});

it('refuses an unmocked outbound node without running it; pure nodes run', async () => {
  const webhook = mocked.get('webhook');
  expect(() => webhook?.run(ctx('w'), { method: 'GET', url: 'https://example.com', headers: [] })).toThrow(
    "Node 'w' (webhook) reaches the network: mock it or pass --allow-network.",
  );
  expect(await mocked.get('text_transform')?.run(ctx('t'), { template: 'x' })).toMatchObject({
    output: { text: 'x' },
  });
});

it('counts an action as outbound unless it says otherwise; triggers and conditions never', () => {
  const outbound = registry
    .list()
    .filter(isOutbound)
    .map((d) => d.componentId);
  expect(outbound).toContain('webhook');
  expect(outbound).not.toContain('text_transform');
  expect(outbound).not.toContain('manual_trigger');
  expect(isOutbound({ ...(registry.get('delay') as AnyNodeDefinition), network: undefined })).toBe(true);
});
