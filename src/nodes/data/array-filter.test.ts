import { describe, expect, it } from 'vitest';
import { runNode, runNodeOutput } from '../test-context.js';
import { arrayFilter } from './array-filter.js';

const SITES = [
  { name: 'HQ', status: 'online', loss: 0, tags: ['core'], seen: '2024-06-15T11:00:00Z' },
  { name: 'Branch', status: 'offline', loss: 12.5, tags: [], seen: '2024-06-01T00:00:00Z' },
  { name: 'Lab', status: 'online', loss: '7', tags: ['test', 'core'], seen: '2024-06-14T18:00:00Z' },
];

const filter = async (raw: Record<string, unknown>) =>
  (await runNodeOutput(arrayFilter, { items: SITES, ...raw })).output as {
    items: { name: string }[];
    count: number;
    total: number;
  };
const names = async (raw: Record<string, unknown>) => (await filter(raw)).items.map((site) => site.name);

describe('array_filter', () => {
  it('keeps the items matching a rule, with the condition operators and coercions', async () => {
    const rules = {
      operator: 'and',
      conditions: [{ field: 'status', type: 'string', operator: 'equals', compare_to: 'online' }],
    };
    expect(await filter({ rules })).toMatchObject({ count: 2, total: 3 });
    expect(await names({ rules })).toEqual(['HQ', 'Lab']);
    expect(await names({ rules, mode: 'exclude' })).toEqual(['Branch']);
  });

  it('combines nested AND/OR groups over several types', async () => {
    const rules = {
      operator: 'or',
      conditions: [
        { field: 'loss', type: 'number', operator: 'greater_than', compare_to: '10' },
        {
          operator: 'and',
          conditions: [
            { field: 'tags', type: 'array', operator: 'contains', compare_to: 'core' },
            { field: 'seen', type: 'date', operator: 'within_last_n_days', compare_to: 1 },
            {
              field: 'name',
              type: 'string',
              operator: 'matches_regex',
              compare_to: '^l',
              case_sensitive: false,
            },
          ],
        },
      ],
    };
    expect(await names({ rules })).toEqual(['Branch', 'Lab']);
  });

  it('reads nested fields and JSON text', async () => {
    const items = JSON.stringify([{ a: { b: 1 } }, { a: { b: 2 } }]);
    const rules = {
      operator: 'and',
      conditions: [{ field: 'a.b', type: 'number', operator: 'equals', compare_to: 2 }],
    };
    expect((await filter({ items, rules })).items).toEqual([{ a: { b: 2 } }]);
  });

  it('fails naming the item when a field cannot be compared', async () => {
    const rules = {
      operator: 'and',
      conditions: [{ field: 'name', type: 'number', operator: 'greater_than', compare_to: 1 }],
    };
    await expect(runNode(arrayFilter, { items: SITES, rules })).rejects.toThrow(
      'Array filter: items[0]: rules.conditions[0]: ',
    );
  });

  it('checks rules when the workflow is saved', () => {
    const problems = (rules: unknown) =>
      arrayFilter.config
        .safeParse({ items: [], rules })
        .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(
      problems({ operator: 'and', conditions: [{ field: 'x', type: 'string', operator: 'equals' }] }),
    ).toEqual(['rules.conditions.0.compare_to: The operator "equals" needs `compare_to`.']);
    expect(
      problems({ operator: 'xor', conditions: [{ field: 'x', type: 'boolean', operator: 'is_true' }] }),
    ).toEqual(['rules.operator: Expected "and" or "or".']);
    expect(problems({ operator: 'and', conditions: [] })).toEqual([
      'rules.conditions: A group needs at least one condition.',
    ]);
    expect(
      problems({
        operator: 'and',
        conditions: [{ field: 'x', type: 'string', operator: 'equals', compare_to: 'a' }],
      }),
    ).toBeUndefined();
  });
});
