/**
 * Laravel-style rule strings: `required|email|max:255|in:a,b|regex:/^[a-z|]+$/i`. Rules are separated by
 * `|`, a rule's parameters follow `:` and are separated by `,`. A `regex`/`not_regex` pattern is one
 * parameter and may itself contain `|` and `,` (unlike Laravel, which needs the array form for that):
 * the pattern runs to its closing delimiter. A list of rule strings (`["required", "regex:/a|b/"]`) works too.
 */

export interface ParsedRule {
  /** Lower-case rule name (`required_if`). */
  name: string;
  params: string[];
}

const PATTERN_RULES = new Set(['regex', 'not_regex']);
const PAIRS: Record<string, string> = { '(': ')', '{': '}', '[': ']', '<': '>' };

/** Index just past a `/pattern/flags` starting at `start` (the delimiter), or -1 when it never closes. */
function patternEnd(text: string, start: number): number {
  const open = text[start] as string;
  const close = PAIRS[open] ?? open;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] !== close) continue;
    let end = i + 1;
    while (end < text.length && /[a-zA-Z]/.test(text[end] as string)) end++;
    if (end === text.length || text[end] === '|') return end;
  }
  return -1;
}

/** Splits one rule string into its rules (without parsing parameters). */
function splitRules(spec: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < spec.length) {
    const colon = spec.indexOf(':', i);
    const bar = spec.indexOf('|', i);
    const name =
      spec
        .slice(i, colon === -1 ? undefined : colon)
        .split('|')[0]
        ?.trim()
        .toLowerCase() ?? '';
    if (PATTERN_RULES.has(name) && colon !== -1 && (bar === -1 || colon < bar)) {
      const end = patternEnd(spec, colon + 1);
      if (end !== -1) {
        parts.push(spec.slice(i, end));
        i = end + 1;
        continue;
      }
    }
    const next = bar === -1 ? spec.length : bar;
    parts.push(spec.slice(i, next));
    i = next + 1;
  }
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function parseOne(rule: string): ParsedRule {
  const colon = rule.indexOf(':');
  const name = (colon === -1 ? rule : rule.slice(0, colon)).trim().toLowerCase();
  if (colon === -1) return { name, params: [] };
  const rest = rule.slice(colon + 1);
  return { name, params: PATTERN_RULES.has(name) ? [rest.trim()] : rest.split(',').map((p) => p.trim()) };
}

export function parseRules(spec: string | readonly string[]): ParsedRule[] {
  const rules =
    typeof spec === 'string' ? splitRules(spec) : spec.map((s) => s.trim()).filter((s) => s !== '');
  return rules.map(parseOne);
}

/** PCRE modifiers JavaScript has (`D` is implied by JS's `$` without `m`, so it is accepted and ignored). */
const FLAGS: Record<string, string> = { i: 'i', m: 'm', s: 's', u: 'u', D: '' };

/**
 * Compiles a PHP `preg_match` pattern (`/^\d+$/i`, `#a|b#`) to a RegExp. `\A` and `\z`/`\Z` become `^`
 * and `$`. Throws with a sentence when the delimiters, a modifier or the pattern itself is not supported.
 */
export function compilePhpRegex(literal: string): RegExp {
  const open = literal[0];
  if (!open || /[a-zA-Z0-9\\\s]/.test(open)) {
    throw new Error(`the pattern ${JSON.stringify(literal)} needs delimiters, e.g. /^[a-z]+$/`);
  }
  const close = PAIRS[open] ?? open;
  const last = literal.lastIndexOf(close);
  if (last <= 0) throw new Error(`the pattern ${JSON.stringify(literal)} is missing its closing ${close}`);
  let flags = '';
  for (const modifier of literal.slice(last + 1)) {
    const flag = FLAGS[modifier];
    if (flag === undefined)
      throw new Error(`the regex modifier "${modifier}" is not supported (use i, m, s, u)`);
    flags += flag;
  }
  const source = literal
    .slice(1, last)
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$');
  return new RegExp(source, [...new Set(flags)].join(''));
}
