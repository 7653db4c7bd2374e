import type { Context, Filter, Output, Token } from 'liquidjs';
import { liquidjs } from './liquidjs.js';

/**
 * A template that is one `{{ … }}` and nothing else, as most node fields are, ready to evaluate to its
 * raw value (what liquidjs's `Value.value` yields, before it is written out).
 */
export interface LoneOutput {
  readonly output: Output;
  evaluate(ctx: Context): unknown;
}

/** A filter as liquidjs keeps it; its handler, token and engine are private in the type declarations. */
interface FilterInternals {
  readonly name: string;
  readonly args: readonly unknown[];
  readonly handler: (this: unknown, ...argv: unknown[]) => unknown;
  readonly token: unknown;
  readonly liquid: unknown;
}

/** The private half of liquidjs's context that a read needs. */
interface ScopeFinder {
  findScope(key: string): unknown;
}

/**
 * `ctx._get(props)` without its generators when every segment exists: the same `readProperty` calls on
 * the same scope. A missing segment is read again by liquidjs itself, which is what fails a strict
 * context and what a watched context (engine.ts) intercepts; getters that run twice then only read.
 */
function read(ctx: Context, props: (string | number)[]): unknown {
  let value = (ctx as unknown as ScopeFinder).findScope(props[0] as string);
  for (const key of props) {
    value = ctx.readProperty(value as object, key);
    if (value === undefined) return liquidjs().toValueSync(ctx._get(props));
  }
  return value;
}

/** A token liquidjs evaluates to its `content` (a name, a quoted string, a number, `true`, `nil`…). */
function literal(token: unknown): token is { content: unknown } {
  return typeof token === 'object' && token !== null && !Array.isArray(token) && 'content' in token;
}

/** A plain variable path (`n1.body.items`, `payload["key"]`, `n1.items[0]`): no operator, no computed key. */
function plainPath(token: Token): token is Token & { props: { content: unknown }[] } {
  const access = token as { props?: unknown; variable?: unknown };
  return (
    Array.isArray(access.props) && !access.variable && access.props.length > 0 && access.props.every(literal)
  );
}

/**
 * liquidjs evaluates an output through five nested generators (value, expression, token, property
 * access, each filter), driven one `next()` at a time; in a 40-node chain that was ~9% of the server's
 * time. For the common shape — a variable path or a literal, then filters whose arguments are literals —
 * this evaluates the same steps directly, in liquidjs's order and with its errors: the scope is read with
 * the context's own `readProperty`, a missing segment through the context itself (so strict and watched
 * contexts decide), a missing read under a leading `default` gives null, anything else the read throws
 * is wrapped in an UndefinedVariableError for the path, and each filter's handler is called as liquidjs
 * calls it. Every other output keeps liquidjs's own evaluation.
 */
export function loneOutput(output: Output): LoneOutput {
  const { toValue, toValueSync, UndefinedVariableError } = liquidjs();
  const fallback = (ctx: Context) => toValueSync(output.value.value(ctx, false));
  const { initial, filters } = output.value;
  const postfix = initial.postfix;
  const filterParts = filters as unknown as FilterInternals[];
  const literalArgs = filterParts.every((f) => f.args.every(literal));
  if (postfix.length !== 1 || !literalArgs) return { output, evaluate: fallback };
  const [token] = postfix as [Token];
  const calls = filterParts.map((f) => ({
    filter: f,
    args: f.args.map((arg) => (arg as { content: unknown }).content),
  }));
  const applyFilters = (value: unknown, ctx: Context): unknown => {
    let val = value;
    for (const { filter, args } of calls) {
      const self = { context: ctx, token: filter.token, liquid: filter.liquid };
      val = toValueSync(filter.handler.apply(self, [val, ...args]));
    }
    return val;
  };
  if (literal(token)) {
    const { content } = token;
    return { output, evaluate: (ctx) => applyFilters(content, ctx) };
  }
  if (!plainPath(token)) return { output, evaluate: fallback };
  const defaultFirst = (filters[0] as Filter | undefined)?.name === 'default';
  const props = token.props.map((prop) => toValue(prop.content) as string | number);
  return {
    output,
    evaluate(ctx) {
      let value: unknown;
      try {
        value = read(ctx, props);
      } catch (error) {
        // liquidjs's `lenientIf`: a value whose first filter is `default` may be missing.
        const lenient = defaultFirst && ctx.opts.lenientIf;
        if (lenient && (error as { name?: unknown }).name === 'InternalUndefinedVariableError') value = null;
        else throw new UndefinedVariableError(error as Error, token);
      }
      return applyFilters(value, ctx);
    },
  };
}
