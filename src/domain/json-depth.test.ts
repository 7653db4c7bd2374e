import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './json-depth.js';

/** Depth as JSON.parse builds it: the oracle for valid documents. */
function parsedDepth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(parsedDepth));
}

describe('nestsDeeperThan', () => {
  it('counts objects and arrays inside each other, up to the limit and one past it', () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    expect(nestsDeeperThan(nested(64), 64)).toBe(false);
    expect(nestsDeeperThan(nested(65), 64)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":{"c":[1]}}}', 3)).toBe(true);
    expect(nestsDeeperThan('[[1],[2],[3],{"a":[4]}]', 3)).toBe(false);
  });

  it('ignores brackets inside strings, whatever their escapes', () => {
    expect(nestsDeeperThan('["[[[[", "{{{{"]', 1)).toBe(false);
    expect(nestsDeeperThan('["a\\\\"]', 1)).toBe(false); // an escaped backslash, then the closing quote
    expect(nestsDeeperThan('["a\\"[[[[", 1]', 1)).toBe(false); // an escaped quote inside the string
    expect(nestsDeeperThan('["a\\\\\\"[[[["]', 1)).toBe(false); // \\ then \" : still inside
    expect(nestsDeeperThan('["\\\\", [[1]]]', 2)).toBe(true); // the string ends after \\: brackets count
  });

  it('stops at an unterminated string (JSON.parse refuses the text)', () => {
    expect(nestsDeeperThan('["abc', 0)).toBe(true);
    expect(nestsDeeperThan('"abc [[[[', 1)).toBe(false);
  });

  it('agrees with the depth JSON.parse builds, on documents of every shape', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const strings = ['plain', 'quote " in', 'backslash \\', '\\"', '[{]}', 'ünï', '\\\\"[[', ''];
    const build = (level: number): unknown => {
      const r = random();
      if (level > 6 || r < 0.3) return strings[Math.floor(random() * strings.length)];
      if (r < 0.4) return Math.floor(random() * 100);
      const size = Math.floor(random() * 4);
      if (r < 0.7) return Array.from({ length: size }, () => build(level + 1));
      return Object.fromEntries(
        Array.from({ length: size }, (_, i) => [`${strings[i % strings.length]}${i}`, build(level + 1)]),
      );
    };
    for (let n = 0; n < 300; n++) {
      const value = build(0);
      const text = JSON.stringify(value);
      const depth = parsedDepth(JSON.parse(text));
      expect(nestsDeeperThan(text, depth)).toBe(false);
      if (depth > 0) expect(nestsDeeperThan(text, depth - 1)).toBe(true);
    }
  });
});
