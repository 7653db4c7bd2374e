import { parseDate } from '../../domain/dates.js';
import { StratoflowError } from '../../domain/errors.js';

export const CAST_TYPES = ['string', 'number', 'integer', 'boolean', 'json', 'array', 'date'] as const;
export type CastType = (typeof CAST_TYPES)[number];

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off', '']);

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function cast(value: unknown, type: CastType): unknown {
  switch (type) {
    case 'string':
      return typeof value === 'string'
        ? value
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
    case 'number':
      return toNumber(value);
    case 'integer': {
      const n = toNumber(value);
      return n === null ? null : Math.trunc(n);
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const word =
        typeof value === 'number' || typeof value === 'string' ? String(value).trim().toLowerCase() : null;
      if (word !== null && TRUE_WORDS.has(word)) return true;
      if (word !== null && FALSE_WORDS.has(word)) return false;
      return null;
    }
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return undefined;
      }
    case 'array': {
      if (Array.isArray(value)) return value;
      if (typeof value === 'string' && value.trim().startsWith('[')) {
        try {
          const parsed = JSON.parse(value) as unknown;
          return Array.isArray(parsed) ? parsed : null;
        } catch {
          return null;
        }
      }
      return [value];
    }
    case 'date':
      return parseDate(value)?.toUTC().toISO() ?? null;
  }
}

/**
 * Converts `value` to `type` (see CAST_TYPES): numbers from numeric text, booleans from
 * true/false/1/0/yes/no/on/off, `json` parses text, `array` wraps a single value, `date` gives UTC ISO 8601
 * (any input the shared date parser accepts). A value that cannot be converted fails the node, naming `where`.
 */
export function castValue(value: unknown, type: CastType, where: string): unknown {
  const result = cast(value, type);
  if (result === null || result === undefined) {
    throw new StratoflowError('node_failed', `${where}: cannot convert ${show(value)} to ${type}.`);
  }
  return result;
}
