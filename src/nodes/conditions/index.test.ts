import { describe, expect, it } from 'vitest';
import { conditionNodes } from './index.js';

describe('conditionNodes', () => {
  it('lists every condition once, each with a title and a one-sentence description', () => {
    const ids = conditionNodes.map((node) => node.componentId);
    expect(ids).toEqual([
      'string_condition',
      'number_condition',
      'date_condition',
      'boolean_condition',
      'array_condition',
      'logical_group',
      'switch',
    ]);
    for (const node of conditionNodes) {
      expect(node.kind).toBe('condition');
      expect(node.title).not.toBe('');
      expect(node.description).toMatch(/^[A-Z][^.]*(\.\.\.[^.]*)?\.$/);
    }
  });

  it('gives true/false handles to every condition but switch', () => {
    for (const node of conditionNodes.filter((definition) => definition.componentId !== 'switch')) {
      expect(node.handles).toEqual(['true', 'false']);
    }
  });
});
