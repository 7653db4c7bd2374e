/**
 * Whether Node loads a package, imported by an ES module of this repository, as CommonJS: by its file
 * name (`.cjs`, `.mjs`) or else by the `type` of the nearest package.json. Used by the bundler (decision
 * 0036) and by the test that checks its output.
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function isCommonJs(specifier) {
  if (isBuiltin(specifier)) return false;
  const file = fileURLToPath(import.meta.resolve(specifier));
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type !== 'module';
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  return true;
}
