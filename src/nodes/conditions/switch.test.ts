import { describe, expect, it } from 'vitest';
import { runNode } from '../test-context.js';
import { switchNode } from './switch.js';

const cases = [
  { id: 'exact', compare_to: 'gold' },
  { id: 'prefix', operator: 'starts_with', compare_to: 'go' },
  { id: 'pattern', operator: 'matches_regex', compare_to: '^s.*r$' },
];

const handleOf = async (raw: Record<string, unknown>) => {
  const outcome = await runNode(switchNode, raw);
  return 'handle' in outcome ? outcome.handle : undefined;
};

describe('switch', () => {
  it.each([
    ['gold', 'exact'],
    ['good', 'prefix'],
    ['silver', 'pattern'],
    ['bronze', 'default'],
  ])('routes %j to %s (ordered, first match wins, equals by default)', async (value, expected) => {
    expect(await handleOf({ value, cases })).toBe(expected);
  });

  it('outputs which case matched', async () => {
    expect(await runNode(switchNode, { value: 'good', cases })).toEqual({
      output: { value: 'good', matched: 'prefix', operator: 'starts_with', compare_to: 'go' },
      handle: 'prefix',
    });
    expect(await runNode(switchNode, { value: 'tin', cases })).toEqual({
      output: { value: 'tin', matched: null, operator: null, compare_to: null },
      handle: 'default',
    });
  });

  it('honours case_sensitive for the switch and per case', async () => {
    expect(await handleOf({ value: 'GOLD', cases })).toBe('default');
    expect(await handleOf({ value: 'GOLD', cases, case_sensitive: 'false' })).toBe('exact');
    const perCase = [{ id: 'loose', compare_to: 'gold', case_sensitive: false }];
    expect(await handleOf({ value: 'GOLD', cases: perCase })).toBe('loose');
  });

  it('compares numbers as text', async () => {
    expect(
      await handleOf({
        value: 2,
        cases: [
          { id: 'one', compare_to: 1 },
          { id: 'two', compare_to: '2' },
        ],
      }),
    ).toBe('two');
  });

  it('declares the case ids as dynamic handles beside default', () => {
    const config = switchNode.config.parse({ value: 'x', cases });
    expect(switchNode.handles).toEqual(['default']);
    expect(switchNode.dynamicHandles?.(config)).toEqual(['exact', 'prefix', 'pattern']);
  });

  it('rejects duplicate, reserved and empty case ids, and no cases', () => {
    const duplicate = switchNode.config.safeParse({
      value: 'x',
      cases: [...cases, { id: 'exact', compare_to: 'y' }],
    });
    expect(duplicate.error?.issues).toEqual([
      expect.objectContaining({
        path: ['cases', 3, 'id'],
        message: 'The case id "exact" is used by an earlier case.',
      }),
    ]);
    const reserved = switchNode.config.safeParse({ value: 'x', cases: [{ id: 'default', compare_to: 'y' }] });
    expect(reserved.error?.issues[0]?.message).toMatch(/reserved/);
    expect(switchNode.config.safeParse({ value: 'x', cases: [{ id: ' ', compare_to: 'y' }] }).success).toBe(
      false,
    );
    expect(switchNode.config.safeParse({ value: 'x', cases: [] }).success).toBe(false);
    expect(switchNode.config.safeParse({ value: 'x', cases: [{ id: 'a' }] }).success).toBe(false);
  });

  it('fails naming the case whose regex is invalid', async () => {
    const broken = [{ id: 'broken', operator: 'matches_regex', compare_to: '[' }];
    await expect(handleOf({ value: 'x', cases: broken })).rejects.toMatchObject({
      code: 'node_config_invalid',
      message: expect.stringMatching(/^Case "broken": String condition: invalid regular expression "\[": /),
    });
  });
});
