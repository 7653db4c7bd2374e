import { describe, expect, it } from 'vitest';
import { runNodeOutput } from '../test-context.js';
import { setVariables } from './set-variables.js';

describe('set_variables', () => {
  it('outputs the named values, keeping their types', async () => {
    const outcome = await runNodeOutput(setVariables, {
      variables: { name: 'Ada', rows: [1, 2], count: 3, gone: undefined },
    });
    expect(outcome).toEqual({ output: { name: 'Ada', rows: [1, 2], count: 3, gone: null }, handle: null });
  });

  it('accepts the list form', async () => {
    const list = [
      { name: 'a', value: 1 },
      { name: 'b', value: 'x' },
    ];
    expect((await runNodeOutput(setVariables, { variables: list })).output).toEqual({ a: 1, b: 'x' });
  });

  it('refuses names that templates cannot read, and an empty set', () => {
    expect(setVariables.config.safeParse({ variables: { 'my-var': 1 } }).success).toBe(false);
    expect(setVariables.config.safeParse({ variables: { '1st': 1 } }).success).toBe(false);
    expect(setVariables.config.safeParse({ variables: {} }).error?.issues[0]?.message).toBe(
      'Set at least one variable.',
    );
  });
});
