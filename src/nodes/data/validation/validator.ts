import { lookup } from '../paths.js';
import { MESSAGES, type SizeKind } from './messages.js';
import type { ParsedRule } from './rule-parser.js';
import { phpString, RULES, type RuleContext } from './rules.js';

/** Laravel's error bag: messages by attribute, in rule order. */
export type ValidationErrors = Record<string, string[]>;

/** Attribute names as Laravel shows them: snake case, underscores as spaces (`first_name` → "first name"). */
export function displayName(attribute: string): string {
  const snake = /[A-Z]/.test(attribute)
    ? attribute
        .replace(/\s+/g, '')
        .replace(/(.)(?=[A-Z])/g, '$1_')
        .toLowerCase()
    : attribute;
  return snake.replace(/_/g, ' ');
}

/** The concrete attributes a key stands for: `items.*.name` → `items.0.name`, `items.1.name`, ... */
export function expandAttribute(data: unknown, key: string): string[] {
  const segments = key.split('.');
  const out: string[] = [];
  const walk = (value: unknown, index: number, prefix: string[]): void => {
    if (index === segments.length) {
      out.push(prefix.join('.'));
      return;
    }
    const segment = segments[index] as string;
    if (segment !== '*') {
      const next = lookup(value, [segment]);
      walk(next.value, index + 1, [...prefix, segment]);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const k of Object.keys(value))
      walk((value as Record<string, unknown>)[k], index + 1, [...prefix, k]);
  };
  walk(data, 0, []);
  return out;
}

const NUMERIC_RULES = new Set(['numeric', 'integer']);
const MARKERS = new Set(['nullable', 'sometimes', 'bail']);

function message(rule: ParsedRule, value: unknown, attribute: string, ctx: RuleContext): string {
  const template = MESSAGES[rule.name] ?? 'The :attribute field is invalid.';
  const kind: SizeKind = ctx.numeric
    ? 'numeric'
    : ctx.arrayRule || (value !== null && typeof value === 'object')
      ? 'array'
      : 'string';
  const text = typeof template === 'string' ? template : template[kind];
  const [first = '', second = ''] = rule.params;
  const otherValue = lookup(ctx.data, first);
  const replacements: Record<string, string> = {
    attribute: displayName(attribute),
    min: first,
    max: rule.name === 'max' ? first : second,
    size: first,
    digits: first,
    values: rule.name === 'required_with' ? rule.params.map(displayName).join(' / ') : rule.params.join(', '),
    other: displayName(first),
    value:
      typeof otherValue.value === 'boolean'
        ? String(otherValue.value)
        : otherValue.value === null
          ? 'empty'
          : phpString(otherValue.value),
    date: otherValue.found ? displayName(first) : first,
  };
  return text.replace(/:([a-z]+)/g, (match, name: string) => replacements[name] ?? match);
}

/**
 * Validates `data` against rules keyed by attribute (dot paths, `*` for every item), as Laravel's
 * Validator does: a missing or blank value is checked only by implicit rules (`required*`), `nullable`
 * lets null pass, `sometimes` skips a missing attribute, `bail` stops at an attribute's first failure,
 * and a failed `required*` always stops that attribute.
 */
export function validateData(
  data: unknown,
  rules: Record<string, ParsedRule[]>,
  now: number,
): ValidationErrors {
  const errors: ValidationErrors = {};
  for (const [key, attributeRules] of Object.entries(rules)) {
    const names = new Set(attributeRules.map((r) => r.name));
    for (const attribute of expandAttribute(data, key)) {
      const { found, value } = lookup(data, attribute);
      if (names.has('sometimes') && !found) continue;
      const ctx: RuleContext = {
        data,
        attribute,
        numeric: [...names].some((n) => NUMERIC_RULES.has(n)),
        arrayRule: names.has('array'),
        now,
      };
      const blank = !found || (typeof value === 'string' && value.trim() === '');
      for (const rule of attributeRules) {
        if (MARKERS.has(rule.name)) continue;
        const definition = RULES[rule.name];
        if (!definition) continue;
        if (!definition.implicit && (blank || (value === null && names.has('nullable')))) continue;
        if (definition.check(value, rule.params, ctx)) continue;
        errors[attribute] ??= [];
        errors[attribute].push(message(rule, value, attribute, ctx));
        if (names.has('bail') || definition.implicit) break;
      }
    }
  }
  return errors;
}
