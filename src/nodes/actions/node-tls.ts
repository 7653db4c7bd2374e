import { createRequire } from 'node:module';
import type * as Tls from 'node:tls';

const load = createRequire(import.meta.url);

/**
 * node:tls, loaded when a node first needs it. Imported as an ES module at start-up it cost an idle server
 * ~2 MB: the facade reads every export, the bundled root certificates among them.
 */
export function nodeTls(): typeof Tls {
  return load('node:tls') as typeof Tls;
}
