/**
 * Micro-benchmark of a large JSON request body as the API reads it (not run by the tests): a 4.9 MB body
 * received in 64 kB chunks, then the depth check and JSON.parse the body parser runs on it. Milliseconds
 * per body, median of several.
 *   npx tsx bench/json-body.ts
 */
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../src/domain/json-depth.js';
import { largePayload } from './large-payload-data.js';
import { median } from './lib.js';

const text = JSON.stringify(largePayload(4.9));

/** The body as Node hands it over: one string concatenated from the socket's chunks. */
function received(): string {
  let body = '';
  for (let i = 0; i < text.length; i += 65_536) body += Buffer.from(text.slice(i, i + 65_536)).toString();
  return body;
}

const check: number[] = [];
const parse: number[] = [];
for (let round = 0; round < 7; round++) {
  const body = received();
  const started = performance.now();
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw new Error('unexpectedly deep');
  const checked = performance.now();
  JSON.parse(body);
  check.push(checked - started);
  parse.push(performance.now() - checked);
}
console.log(`body ${(text.length / 1e6).toFixed(1)} MB`);
console.log(`depth check   ${median(check).toFixed(1)} ms`);
console.log(`JSON.parse    ${median(parse).toFixed(1)} ms`);
