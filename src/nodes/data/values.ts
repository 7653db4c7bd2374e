import { StratoflowError } from '../../domain/errors.js';

/**
 * Data fields (`items`, `source`, `data`) arrive as raw values (`{{ n1.rows }}`) or, when a template
 * rendered them to text, as JSON text. These read both.
 */

/** The value, with JSON object/array text parsed; other text is returned as it is. */
export function fromJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

/**
 * An array from a raw value or JSON text (null/absent: empty), at most `limit` items. Fails with
 * `${label} must be an array.` or `${label} has N items; the limit is L.`
 */
export function readArray(value: unknown, label: string, limit: number): unknown[] {
  const items = value === null || value === undefined ? [] : fromJsonText(value);
  if (!Array.isArray(items)) throw new StratoflowError('node_failed', `${label} must be an array.`);
  if (items.length > limit) {
    throw new StratoflowError('node_failed', `${label} has ${items.length} items; the limit is ${limit}.`);
  }
  return items;
}
