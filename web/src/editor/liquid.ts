/** The `{{ ...` being typed just before the caret, if any: where it starts and the path typed so far. */
export function openTag(text: string, caret: number): { start: number; partial: string } | null {
  const before = text.slice(0, caret);
  const match = /\{\{\s*([\w.[\]"'-]*)$/.exec(before);
  if (!match) return null;
  return { start: match.index, partial: match[1] ?? '' };
}

/** Suggestions matching what was typed: prefix matches first, then the rest containing it. */
export function matchSuggestions(all: readonly string[], partial: string, limit = 8): string[] {
  const needle = partial.toLowerCase();
  const prefix = all.filter((s) => s.toLowerCase().startsWith(needle));
  const inner = all.filter((s) => !s.toLowerCase().startsWith(needle) && s.toLowerCase().includes(needle));
  return [...prefix, ...inner].slice(0, limit);
}

/** Replaces the open tag with `{{ path }}`; returns the new text and where the caret goes. */
export function insertPath(text: string, caret: number, start: number, path: string) {
  const after = text.slice(caret);
  const closes = /^\s*\}\}/.exec(after);
  const rest = closes ? after.slice(closes[0].length) : after;
  const inserted = `{{ ${path} }}`;
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length };
}

const MAX_DEPTH = 4;
const MAX_PATHS = 400;

export function pathKeyOf(base: string, key: string): string {
  return /^[A-Za-z_][\w]*$/.test(key) ? `${base}.${key}` : `${base}["${key.replace(/"/g, '\\"')}"]`;
}

/** Every `node.field.sub` path in a sample output, objects walked a few levels, arrays by their first item. */
export function pathsOf(base: string, value: unknown, depth = 0, out: string[] = []): string[] {
  if (out.length >= MAX_PATHS) return out;
  out.push(base);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    if (value.length > 0) pathsOf(`${base}[0]`, value[0], depth + 1, out);
    return out;
  }
  for (const [key, inner] of Object.entries(value)) pathsOf(pathKeyOf(base, key), inner, depth + 1, out);
  return out;
}

/** Paths from an output JSON Schema, for nodes that have not run yet. */
export function pathsOfSchema(base: string, schema: unknown, depth = 0, out: string[] = []): string[] {
  out.push(base);
  if (depth >= MAX_DEPTH || !schema || typeof schema !== 'object') return out;
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  if (properties)
    for (const [key, inner] of Object.entries(properties))
      pathsOfSchema(pathKeyOf(base, key), inner, depth + 1, out);
  return out;
}
