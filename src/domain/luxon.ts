import { createRequire } from 'node:module';
import type * as Luxon from 'luxon';

let loaded: typeof Luxon | undefined;

/**
 * luxon, loaded on first use (its CommonJS build): a server whose workflows never read a date or run on a
 * schedule keeps its ~1.5 MB of code and heap out of memory. Import only types from 'luxon' elsewhere.
 */
export function luxon(): typeof Luxon {
  loaded ??= createRequire(import.meta.url)('luxon') as typeof Luxon;
  return loaded;
}
