import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { builtinNodes } from '../src/nodes/registry.js';

const root = new URL('..', import.meta.url).pathname;

/** The README's "Hosted catalogue coverage" table: component id → status. */
function coverageTable(): Map<string, string> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('## Hosted catalogue coverage')[1]?.split('\n## ')[0] ?? '';
  const rows = new Map<string, string>();
  for (const match of section.matchAll(/^\| `([a-z0-9_]+)` \| (implemented|missing) \|$/gm)) {
    rows.set(match[1] as string, match[2] as string);
  }
  return rows;
}

it('README lists a hosted id as implemented exactly when the registry has it', () => {
  const registered = new Set(builtinNodes().map((node) => node.componentId));
  const table = coverageTable();
  expect(table.size).toBeGreaterThanOrEqual(54);
  const wrong = [...table].filter(([id, status]) => (status === 'implemented') !== registered.has(id));
  expect(wrong).toEqual([]);
  // Every registered component is either in the table or a named Stratoflow addition.
  const additions = ['ip_details', 'set_variables', 'resource_has_tags'];
  expect([...registered].filter((id) => !table.has(id) && !additions.includes(id))).toEqual([]);
});
