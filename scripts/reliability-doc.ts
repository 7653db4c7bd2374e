import { readFileSync, writeFileSync } from 'node:fs';

const DOC = new URL('../docs/reliability.md', import.meta.url);

/** Replaces the block between `<!-- figures:NAME -->` markers in docs/reliability.md with `lines`. */
export function recordFigures(name: string, lines: string[]): void {
  const text = readFileSync(DOC, 'utf8');
  const open = `<!-- figures:${name} -->`;
  const close = `<!-- /figures:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`docs/reliability.md has no ${open} block`);
  const stamp = `_Written by the script on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC._`;
  const block = `${open}\n${[...lines, stamp].join('\n')}\n${close}`;
  writeFileSync(DOC, text.slice(0, start) + block + text.slice(end + close.length));
}
