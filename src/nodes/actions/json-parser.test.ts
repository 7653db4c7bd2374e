import { describe, expect, it } from 'vitest';
import { runNode } from '../test-context.js';
import { jsonParser } from './json-parser.js';

describe('json_parser', () => {
  it.each([
    ['{"user":{"id":7,"tags":["a"]}}', { user: { id: 7, tags: ['a'] } }],
    ['[1, 2]', [1, 2]],
    ['"text"', 'text'],
    ['3.5', 3.5],
    ['null', null],
    ['  {"padded": true}\n', { padded: true }],
  ])('parses %j', async (input, expected) => {
    expect(await runNode(jsonParser, { input })).toEqual({ output: expected });
  });

  it('fails on invalid JSON without echoing the input (it may be a secret)', async () => {
    const error = await runNode(jsonParser, { input: 'hunter2-secret-value' }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^Invalid JSON: Syntax error/);
    expect((error as Error).message).not.toContain('hunter');
    await expect(runNode(jsonParser, { input: '{"a":' })).rejects.toMatchObject({
      code: 'node_failed',
      message: expect.stringMatching(/^Invalid JSON: .+/),
    });
    await expect(runNode(jsonParser, { input: '' })).rejects.toThrow(
      'Invalid JSON: Unexpected end of JSON input (0 characters)',
    );
  });

  it('requires a string input', () => {
    expect(jsonParser.config.safeParse({}).success).toBe(false);
    expect(jsonParser.config.safeParse({ input: { a: 1 } }).success).toBe(false);
  });
});
