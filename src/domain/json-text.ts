/**
 * The JSON text a value was parsed from, kept beside it, so storing a large request body does not
 * serialise it again: the body parser remembers the text of what it parsed, and `jsonText` writes that
 * text wherever the value appears in a small wrapper (a run's `{origin, payload: {payload: body}}`).
 * Only values straight out of `JSON.parse` are remembered, and only until they are stored (nothing
 * changes a request body between the parser and the run's insert); a WeakMap lets them go with the body.
 */
const texts = new WeakMap<object, string>();

export function rememberJsonText(value: unknown, text: string): void {
  if (typeof value === 'object' && value !== null) texts.set(value, text);
}

/** Wrappers are walked this deep looking for remembered values; below that, JSON.stringify. */
const MAX_WRAPPER_DEPTH = 2;

/** `JSON.stringify(value)`, with remembered texts reused (undefined serialises as null, as `json()`). */
export function jsonText(value: unknown, depth = 0): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value ?? null);
  const known = texts.get(value);
  if (known !== undefined) return known;
  if (
    depth >= MAX_WRAPPER_DEPTH ||
    Array.isArray(value) ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    return JSON.stringify(value);
  }
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    parts.push(`${JSON.stringify(key)}:${jsonText(item, depth + 1)}`);
  }
  return `{${parts.join(',')}}`;
}
