/**
 * Maps keyed by user input (node ids, header and field names, variables) are null-prototype objects:
 * a key such as `__proto__`, `constructor` or `toString` is then an ordinary key, never the prototype's
 * setter or an inherited method. (JSON keeps working: `JSON.stringify` reads own properties.)
 */
export function nullRecord<T = unknown>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  if (entries) for (const [key, value] of entries) record[key] = value;
  return record;
}

/** A null-prototype copy of `source`'s own enumerable properties. */
export function nullCopy<T>(source: Readonly<Record<string, T>> | null | undefined): Record<string, T> {
  return nullRecord(source ? Object.entries(source) : undefined);
}
