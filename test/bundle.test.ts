import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCommonJs } from '../scripts/module-format.mjs';
import { CLI, ensureBuilt } from './helpers/cli.js';

/** The packages the bundle's `import` statements name (bare specifiers: packages and node: builtins). */
function staticallyImported(): Set<string> {
  const chunks = join(dirname(CLI), 'chunks');
  const files = [
    CLI,
    ...readdirSync(chunks)
      .filter((f) => f.endsWith('.js'))
      .map((f) => join(chunks, f)),
  ];
  const specifiers = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /^import\s(?:[^;"]*?\sfrom\s*)?"([^".][^"]*)";/gm,
    )) {
      specifiers.add(match[1] as string);
    }
  }
  return specifiers;
}

describe('the bundled CLI (decision 0036)', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('requires its CommonJS packages instead of importing them, so Node never runs its CommonJS export lexer', () => {
    const imported = staticallyImported();
    expect(imported).toContain('node:module');
    expect(imported).toContain('pg');
    expect([...imported].filter(isCommonJs)).toEqual([]);
  });
});
