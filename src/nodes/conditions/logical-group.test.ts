import { describe, expect, it } from 'vitest';
import { runNode } from '../test-context.js';
import { MAX_GROUP_DEPTH } from './group-ops.js';
import { logicalGroup } from './logical-group.js';

const yes = { type: 'boolean', value: 'true', operator: 'is_true' };
const no = { type: 'boolean', value: 'false', operator: 'is_true' };

const handleOf = async (raw: Record<string, unknown>) => {
  const outcome = await runNode(logicalGroup, raw);
  return 'handle' in outcome ? outcome.handle : undefined;
};

function nested(levels: number): Record<string, unknown> {
  let group: Record<string, unknown> = { operator: 'and', conditions: [yes] };
  for (let level = 1; level < levels; level += 1) group = { operator: 'and', conditions: [group] };
  return group;
}

describe('logical_group', () => {
  it.each([
    ['and', [yes, yes], 'true'],
    ['and', [yes, no], 'false'],
    ['or', [no, yes], 'true'],
    ['or', [no, no], 'false'],
    ['AND', [yes], 'true'],
    ['Or', [no], 'false'],
  ])('%s of %j → %s', async (operator, conditions, expected) => {
    expect(await handleOf({ operator, conditions })).toBe(expected);
  });

  it('evaluates every condition type with its own coercions', async () => {
    const conditions = [
      { type: 'string', value: 'Hello', operator: 'starts_with', compare_to: 'he', case_sensitive: 'false' },
      { type: 'number', value: '7', operator: 'between', compare_to: '1', compare_to_end: '10' },
      { type: 'date', value: '2024-06-15 08:00:00', operator: 'is_today' },
      { type: 'boolean', value: 'yes', operator: 'is_true' },
      { type: 'array', value: '["a","b"]', operator: 'contains', compare_to: 'b' },
    ];
    expect(await handleOf({ operator: 'and', conditions })).toBe('true');
    const failing = conditions.map((condition) =>
      condition.type === 'number' ? { ...condition, value: '11' } : condition,
    );
    expect(await handleOf({ operator: 'and', conditions: failing })).toBe('false');
  });

  it('nests groups', async () => {
    const group = { operator: 'and', conditions: [yes, { operator: 'or', conditions: [no, yes] }] };
    expect(await handleOf(group)).toBe('true');
    const inner = { operator: 'and', conditions: [no, yes] };
    expect(await handleOf({ operator: 'or', conditions: [no, inner] })).toBe('false');
  });

  it('stops at the deciding condition, reports the rest as skipped, and so lets a check guard another', async () => {
    const broken = { type: 'number', value: '', operator: 'greater_than', compare_to: 1 };
    const guard = { type: 'string', value: '', operator: 'is_not_empty' };
    const outcome = await runNode(logicalGroup, { operator: 'and', conditions: [guard, broken] });
    expect(outcome).toEqual({
      output: {
        result: false,
        operator: 'and',
        conditions: [
          {
            type: 'string',
            result: false,
            value: '',
            operator: 'is_not_empty',
            compare_to: null,
            case_sensitive: true,
          },
          { skipped: true },
        ],
      },
      handle: 'false',
    });
    expect(await handleOf({ operator: 'or', conditions: [yes, broken] })).toBe('true');
  });

  it('fails naming where a broken condition sits', async () => {
    const broken = { type: 'number', value: 'abc', operator: 'equals', compare_to: 1 };
    await expect(
      handleOf({ operator: 'and', conditions: [yes, { operator: 'or', conditions: [broken] }] }),
    ).rejects.toMatchObject({
      code: 'node_failed',
      message: 'conditions[1].conditions[0]: Number condition: value "abc" is not a number.',
    });
  });

  it(`allows ${MAX_GROUP_DEPTH} levels of nesting and no more`, async () => {
    expect(await handleOf(nested(MAX_GROUP_DEPTH))).toBe('true');
    const tooDeep = logicalGroup.config.safeParse(nested(MAX_GROUP_DEPTH + 1));
    expect(tooDeep.error?.issues[0]?.message).toBe('Groups nest 11 levels deep; the limit is 10.');
  });

  it('rejects empty groups, unknown types and leaves missing their operands', () => {
    expect(logicalGroup.config.safeParse({ operator: 'and', conditions: [] }).success).toBe(false);
    expect(
      logicalGroup.config.safeParse({ operator: 'and', conditions: [{ type: 'color', value: 'x' }] }).success,
    ).toBe(false);
    const missing = logicalGroup.config.safeParse({
      operator: 'and',
      conditions: [{ type: 'number', value: 1, operator: 'between', compare_to: 0 }],
    });
    expect(missing.error?.issues[0]?.path).toEqual(['conditions', 0, 'compare_to_end']);
    expect(logicalGroup.config.safeParse({ operator: 'xor', conditions: [yes] }).success).toBe(false);
  });
});
