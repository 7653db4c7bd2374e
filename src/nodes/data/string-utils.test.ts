import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runNode, runNodeOutput, TEST_NOW } from '../test-context.js';
import { stringUtils } from './string-utils.js';

const result = async (raw: Record<string, unknown>) => {
  return (await runNodeOutput(stringUtils, raw)).output.result as string | string[];
};

describe('string_utils', () => {
  it('generates random strings from a character set', async () => {
    const a = (await result({ operation: 'random_string', length: 32 })) as string;
    expect(a).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(await result({ operation: 'random_string', length: 32 })).not.toBe(a);
    expect(await result({ operation: 'random_string', length: '12', charset: 'numeric' })).toMatch(
      /^\d{12}$/,
    );
    expect(
      await result({ operation: 'random_string', length: 20, charset: 'custom', characters: 'xy' }),
    ).toMatch(/^[xy]{20}$/);
    await expect(runNode(stringUtils, { operation: 'random_string', charset: 'custom' })).rejects.toThrow(
      'character set is empty',
    );
  });

  it('generates passwords that meet the policy', async () => {
    for (let i = 0; i < 20; i++) {
      const pw = (await result({
        operation: 'password',
        length: 12,
        uppercase: 2,
        lowercase: 2,
        digits: 3,
        symbols: 2,
        exclude_ambiguous: true,
      })) as string;
      expect(pw).toHaveLength(12);
      expect(pw.match(/[A-Z]/g)?.length).toBeGreaterThanOrEqual(2);
      expect(pw.match(/[a-z]/g)?.length).toBeGreaterThanOrEqual(2);
      expect(pw.match(/\d/g)?.length).toBeGreaterThanOrEqual(3);
      expect(pw.match(/[^A-Za-z0-9]/g)?.length).toBeGreaterThanOrEqual(2);
      expect(pw).not.toMatch(/[Il1O0o]/);
    }
    expect(await result({ operation: 'password', length: 8, symbols: 0, symbol_set: '!' })).toMatch(
      /^[A-Za-z0-9]{8}$/,
    );
    await expect(runNode(stringUtils, { operation: 'password', length: 3 })).rejects.toThrow(
      'needs 4 characters but the length is 3',
    );
  });

  it('generates UUID v4 and time-ordered v7', async () => {
    expect(await result({ operation: 'uuid' })).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const v7 = (await result({ operation: 'uuid', version: '7' })) as string;
    expect(v7).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(v7.replace(/-/g, '').slice(0, 12), 16)).toBe(TEST_NOW);
    expect(stringUtils.config.safeParse({ operation: 'uuid', version: 5 }).success).toBe(false);
  });

  it.each([
    [{ operation: 'slug', input: '  Héllo, World! 2024 ' }, 'hello-world-2024'],
    [{ operation: 'slug', input: 'Crème brûlée', separator: '_' }, 'creme_brulee'],
    [{ operation: 'case', input: 'hello world', to: 'upper' }, 'HELLO WORLD'],
    [{ operation: 'case', input: 'Hello World', to: 'lower' }, 'hello world'],
    [{ operation: 'case', input: 'hello big-world', to: 'title' }, 'Hello Big-World'],
    [{ operation: 'case', input: 'HELLO there', to: 'sentence' }, 'Hello there'],
    [{ operation: 'case', input: 'user_id value', to: 'camel' }, 'userIdValue'],
    [{ operation: 'case', input: 'user id', to: 'pascal' }, 'UserId'],
    [{ operation: 'case', input: 'userIDValue', to: 'snake' }, 'user_id_value'],
    [{ operation: 'case', input: 'Hello World', to: 'kebab' }, 'hello-world'],
    [{ operation: 'case', input: 'max retries', to: 'constant' }, 'MAX_RETRIES'],
    [{ operation: 'trim', input: '  a b  ' }, 'a b'],
    [{ operation: 'trim', input: '  a  ', side: 'start' }, 'a  '],
    [{ operation: 'trim', input: '--a-b--', characters: '-' }, 'a-b'],
    [{ operation: 'trim', input: '/path/', characters: '/', side: 'end' }, '/path'],
    [{ operation: 'pad', input: '42', length: 5, pad_with: '0' }, '00042'],
    [{ operation: 'pad', input: 'ab', length: 5, side: 'end', pad_with: '.' }, 'ab...'],
    [{ operation: 'pad', input: 'ab', length: 6, side: 'both', pad_with: '*' }, '**ab**'],
    [
      { operation: 'split', input: 'a, b,,c', separator: ',', trim_items: true, remove_empty: true },
      ['a', 'b', 'c'],
    ],
    [{ operation: 'split', input: 'a|b' }, ['a|b']],
    [{ operation: 'join', items: ['a', 1, null, { b: 2 }], separator: ' / ' }, 'a / 1 /  / {"b":2}'],
    [{ operation: 'join', items: '["x","y"]' }, 'x,y'],
    [{ operation: 'replace', input: 'a.b.c', search: '.', replacement: '-' }, 'a-b-c'],
    [{ operation: 'replace', input: 'a.b.c', search: '.', replacement: '$&', all: false }, 'a$&b.c'],
    [
      { operation: 'replace', input: 'Cat cat', search: 'CAT', replacement: 'dog', case_sensitive: false },
      'dog dog',
    ],
  ])('%j → %j', async (raw, expected) => {
    expect(await result(raw)).toEqual(expected);
  });

  it('hashes and signs with known answers', async () => {
    // Known answers: FIPS 180 "abc" digests, RFC 1321 "abc", RFC 4231 test case 2 (HMAC-SHA256, key "Jefe").
    expect(await result({ operation: 'hash', input: 'abc' })).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await result({ operation: 'hash', input: 'abc', algorithm: 'sha1' })).toBe(
      'a9993e364706816aba3e25717850c26c9cd0d89d',
    );
    expect(await result({ operation: 'hash', input: 'abc', algorithm: 'md5' })).toBe(
      '900150983cd24fb0d6963f7d28e17f72',
    );
    expect(await result({ operation: 'hash', input: 'abc', encoding: 'base64' })).toBe(
      createHash('sha256').update('abc').digest('base64'),
    );
    expect(await result({ operation: 'hmac', input: 'what do ya want for nothing?', key: 'Jefe' })).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('encodes and decodes base64, base64url, hex and URLs', async () => {
    const text = 'héllo wörld?&/';
    for (const encoding of ['base64', 'base64url', 'hex', 'url']) {
      const encoded = (await result({ operation: 'encode', input: text, encoding })) as string;
      expect(await result({ operation: 'decode', input: encoded, encoding })).toBe(text);
    }
    expect(await result({ operation: 'encode', input: 'a b&c', encoding: 'url' })).toBe('a%20b%26c');
    expect(await result({ operation: 'encode', input: 'hi', encoding: 'hex' })).toBe('6869');
    expect(await result({ operation: 'decode', input: 'aGk=', encoding: 'base64' })).toBe('hi');
    expect(await result({ operation: 'decode', input: 'a+b', encoding: 'url' })).toBe('a b');
    await expect(
      runNode(stringUtils, { operation: 'decode', input: 'zz!', encoding: 'hex' }),
    ).rejects.toThrow('not valid hex');
    await expect(
      runNode(stringUtils, { operation: 'decode', input: '%E0%A4%A', encoding: 'url' }),
    ).rejects.toThrow('not valid url');
  });

  it('refuses an unknown operation', () => {
    expect(stringUtils.config.safeParse({ operation: 'reverse', input: 'x' }).success).toBe(false);
  });
});
