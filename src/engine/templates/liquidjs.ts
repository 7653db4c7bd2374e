import { createRequire } from 'node:module';
import type * as Liquidjs from 'liquidjs';

let loaded: typeof Liquidjs | undefined;

/**
 * liquidjs, loaded on the first template parsed (its CommonJS build, which is also what `import` gave):
 * a server keeps its ~180 kB of code and ~1 MB of heap out of memory until a workflow uses a template.
 * Import only types from 'liquidjs' elsewhere.
 */
export function liquidjs(): typeof Liquidjs {
  loaded ??= createRequire(import.meta.url)('liquidjs') as typeof Liquidjs;
  return loaded;
}
