/** Deepest nesting of objects/arrays accepted anywhere: request bodies, node outputs, parsed responses. */
export const MAX_JSON_DEPTH = 64;

/** Most characters (strings and keys, roughly the JSON size) one node output may hold. */
export const MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

/**
 * Whether `text` opens more than `max` objects/arrays inside each other (brackets in strings ignored).
 * A string is skipped with `indexOf` to its closing quote (a quote after an even number of backslashes)
 * rather than character by character: most of a JSON document's text is in strings (a 4.9 MB body:
 * 49 → 30–35 ms, `bench/json-body.ts`).
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = closingQuote(text, i + 1);
      if (i < 0) return false; // an unterminated string: not JSON, JSON.parse refuses it
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The index of the quote that closes a string whose text starts at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  for (let quote = text.indexOf('"', from); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return -1;
}

/**
 * Why `value` may not be stored as a node's output, or null: nested deeper than `maxDepth`, larger than
 * `maxChars` (strings and keys counted; a shared object counts each time it appears). A cycle shows as
 * too deep. Iterative, so a hostile value cannot overflow the stack.
 */
export function valueShapeProblem(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
  maxChars = MAX_OUTPUT_CHARS,
): string | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let chars = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current === 'string') chars += current.length;
    else if (typeof current === 'object' && current !== null) {
      if (depth >= maxDepth) return `it nests objects or arrays more than ${maxDepth} levels deep`;
      if (Array.isArray(current)) for (const item of current) stack.push([item, depth + 1]);
      else
        for (const [key, item] of Object.entries(current)) {
          chars += key.length;
          stack.push([item, depth + 1]);
        }
    } else chars += 8;
    if (typeof current === 'object' && current !== null) chars += 2;
    if (chars > maxChars) return `it is larger than ${maxChars} characters`;
  }
  return null;
}
