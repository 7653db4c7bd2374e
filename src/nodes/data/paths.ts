/**
 * Dot paths into JSON-like data, as the data nodes use them: `user.name`, `items[0].sku`, `items.0.sku`
 * (Laravel's spelling of an index). An empty path is the value itself.
 */

const SEGMENT = /[^.[\]]+|\[(\d+)\]/g;

/** The keys of `path`, or null when it is malformed (`a..b`, `a[x]`). */
export function pathKeys(path: string): string[] | null {
  const trimmed = path.trim();
  if (trimmed === '') return [];
  if (!/^([^.[\]]+|\[\d+\])(\.[^.[\]]+|\[\d+\])*$/.test(trimmed)) return null;
  return [...trimmed.matchAll(SEGMENT)].map((m) => m[1] ?? m[0]);
}

/** Whether `value` holds something at `key` (own properties only: `constructor` is never a field). */
function has(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return /^\d+$/.test(key) && Number(key) < value.length;
  return value !== null && typeof value === 'object' && Object.hasOwn(value, key);
}

/** The value at `path`, and whether it is there at all (`{a: null}` has `a`; `{}` does not). */
export function lookup(root: unknown, path: string | readonly string[]): { found: boolean; value: unknown } {
  const keys = typeof path === 'string' ? pathKeys(path) : path;
  if (keys === null) return { found: false, value: undefined };
  let current = root;
  for (const key of keys) {
    if (!has(current, key)) return { found: false, value: undefined };
    current = (current as Record<string, unknown>)[key];
  }
  return { found: true, value: current };
}

/** The value at `path`, or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  return lookup(root, path).value;
}
