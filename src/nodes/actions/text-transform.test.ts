import { describe, expect, it } from 'vitest';
import { runNode } from '../test-context.js';
import { textTransform } from './text-transform.js';

describe('text_transform', () => {
  it('outputs the rendered template as text', async () => {
    expect(await runNode(textTransform, { template: 'Hello, Ada!' })).toEqual({
      output: { text: 'Hello, Ada!' },
    });
    expect(await runNode(textTransform, { template: '' })).toEqual({ output: { text: '' } });
  });

  it('keeps a number or boolean template as its text', async () => {
    expect(await runNode(textTransform, { template: 42 })).toEqual({ output: { text: '42' } });
    expect(await runNode(textTransform, { template: false })).toEqual({ output: { text: 'false' } });
  });

  it('requires a template', () => {
    expect(textTransform.config.safeParse({}).error?.issues[0]?.message).toBe('Expected a template string.');
  });
});
