import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

let re2js: typeof RE2JS | undefined;

/** re2js, loaded on the first pattern (its CommonJS build): ~260 kB of code a server without one never needs. */
function engine(): typeof RE2JS {
  re2js ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof RE2JS }).RE2JS;
  return re2js;
}

/** A compiled pattern from a workflow's config. */
export interface LinearRegex {
  test(input: string): boolean;
}

/** Why a pattern could not be compiled (the engine's reason, never the pattern itself). */
export class RegexSyntaxError extends Error {}

/**
 * Compiles a regular expression written by a user with an RE2-class engine (re2js): matching takes time
 * linear in the input, so no pattern (`(a+)+$` and friends) can backtrack for minutes and block the
 * event loop. The price is RE2's syntax: no backreferences and no lookaround, which fail to compile.
 * JavaScript-only spellings (`\/`, named groups as `(?<name>...)`) are translated first.
 */
export function compileLinearRegex(
  pattern: string,
  options: { caseInsensitive?: boolean } = {},
): LinearRegex {
  const RE2 = engine();
  let compiled: RE2JS;
  try {
    compiled = RE2.compile(RE2.translateRegExp(pattern), options.caseInsensitive ? RE2.CASE_INSENSITIVE : 0);
  } catch (error) {
    const description = (error as { getDescription?: () => string }).getDescription?.();
    throw new RegexSyntaxError(
      description ?? 'unsupported syntax (backreferences and lookaround are not available)',
    );
  }
  return { test: (input) => compiled.matcher(input).find() };
}
