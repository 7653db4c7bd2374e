import { z } from 'zod';

/**
 * Resource tags as nodes take them: a `{key: value}` object, a list of `{key, value}` pairs, or JSON text
 * of either (what `{{ n2.body.tags | json }}` renders). Keys and values are compared as text.
 */
export type Tags = Map<string, string>;

const text = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((v) => (v === null ? '' : String(v)));
const pair = z.object({ key: z.string(), value: text.optional() });

const tagsShape = z.union([z.array(pair), z.record(z.string(), text)], {
  error: 'Expected tags as an object of key to value, a list of {key, value}, or JSON text of either.',
});

/** The schema of a tags field; parses to a Map. */
export const tagsField = z.preprocess((input) => {
  if (typeof input !== 'string') return input;
  const trimmed = input.trim();
  if (trimmed === '') return {};
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return input;
  }
}, tagsShape.transform(toMap));

function toMap(input: z.output<typeof tagsShape>): Tags {
  if (!Array.isArray(input)) return new Map(Object.entries(input));
  return new Map(input.map(({ key, value }) => [key, value ?? '']));
}

/** As the platform takes them: `[{key, value}]`. */
export function tagList(tags: Tags): Array<{ key: string; value: string }> {
  return [...tags].map(([key, value]) => ({ key, value }));
}
