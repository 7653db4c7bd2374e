import type { Context, Liquid, Template } from 'liquidjs';
import { StratoflowError } from '../../domain/errors.js';
import { LruCache } from '../../domain/lru.js';
import { createBudget, MEMORY_MESSAGE, MeteredEmitter, TIME_MESSAGE } from './budget.js';
import { registerCounterTags } from './counter-tags.js';
import { registerFilters } from './filters.js';
import { liquidjs } from './liquidjs.js';
import { type LoneOutput, loneOutput } from './lone-output.js';
import { TemplateError } from './template-error.js';

export interface TemplateLimits {
  /** Longest template accepted, in characters. */
  parseLimit: number;
  /** Longest time the renders of one budget (one node's fields together) may take, in milliseconds. */
  renderLimit: number;
  /**
   * The most characters/array elements the renders of one budget may allocate and output (liquidjs
   * `memoryLimit` accounting, plus every character written to the output).
   */
  memoryLimit: number;
  /** How many parsed templates are kept (least recently used are dropped). */
  cacheSize: number;
}

export interface TemplateEngineOptions extends Partial<TemplateLimits> {
  /** The present, in epoch milliseconds, for `carbon_*` filters. Pass `() => clock.now()`. */
  now?: () => number;
}

/**
 * Time and memory shared by a group of renders: all the fields of one node execution, and (through a
 * parent) all the nodes of one synchronous call. Spending in a child is charged to its parent too.
 */
export interface RenderBudget {
  /** liquidjs Limiter interface: `check(now)` fails past the deadline. */
  readonly time: { check(now: number): void; use(count: number): void };
  /** liquidjs Limiter interface: `use(n)` fails once the allowance is spent. */
  readonly memory: { check(count: number): void; use(count: number): void };
}

/**
 * Collects the variables a group of renders read that do not exist (`n1.body`: the first missing
 * segment of the path). With `strict`, the first such read fails the render with a TemplateError
 * instead. Reads whose author expects a missing value are never reported (liquidjs's `lenientIf`): an
 * `if`/`unless`/`elsif`/`case` test, an `assign`, or a value whose first filter is `default`.
 */
export interface UndefinedWatch {
  strict: boolean;
  /** Missing paths found so far, in the order first read, without repeats. */
  readonly found: string[];
}

/** The most distinct missing variables one watch reports (a template could read thousands). */
export const MAX_UNDEFINED_REPORTED = 20;

/** What parsing a template found: a problem to fix, or the global variables it reads. */
export type TemplateCheck =
  | { ok: true; references: ReadonlyArray<readonly string[]> }
  | { ok: false; message: string };

export interface TemplateEngine {
  /**
   * A fresh budget of the configured render time and memory; with `parent`, spending also counts
   * against (and is stopped by) the parent. `scale` multiplies the allowance (a sync call's budget).
   */
  budget(parent?: RenderBudget, scale?: number): RenderBudget;
  /**
   * Renders a Liquid template to a string. Missing variables render empty. Throws TemplateError, or the
   * coded StratoflowError a scope value threw when read (an expired vault item).
   */
  render(
    template: string,
    scope: Record<string, unknown>,
    budget?: RenderBudget,
    watch?: UndefinedWatch,
  ): string;
  /**
   * Copies `value`, rendering every string in it (inside objects and arrays, at any depth).
   * Top-level keys named in `skipKeys` are copied untouched; non-string leaves are kept as they are.
   */
  renderDeep(
    value: unknown,
    scope: Record<string, unknown>,
    skipKeys?: readonly string[],
    budget?: RenderBudget,
    watch?: UndefinedWatch,
  ): unknown;
  /**
   * For a template that is a single output tag (`{{ n1.items | first }}`, surrounding whitespace allowed),
   * returns the raw value (array, object, number...; undefined when missing); otherwise renders a string.
   */
  evaluate(
    expression: string,
    scope: Record<string, unknown>,
    budget?: RenderBudget,
    watch?: UndefinedWatch,
  ): unknown;
  /**
   * Parses a template with the engine's own configuration (tags, filters, limits) without rendering
   * it: the problem that would fail it at run time, or the paths of the global variables it reads
   * (`['n1', 'body']`; a computed segment such as `n1[n2.k]` ends the path).
   */
  check(template: string): TemplateCheck;
}

export const DEFAULT_TEMPLATE_LIMITS: Readonly<TemplateLimits> = {
  parseLimit: 100_000,
  renderLimit: 1000,
  // Ten million characters: a few tens of MB at most, however many fields a node has.
  memoryLimit: 10_000_000,
  cacheSize: 1000,
};

/** Tags that read files: a workflow's templates must never reach the server's disk. */
const FILE_TAGS = ['include', 'render', 'layout'];

export function createTemplateEngine(options: TemplateEngineOptions = {}): TemplateEngine {
  const limits: TemplateLimits = {
    parseLimit: options.parseLimit ?? DEFAULT_TEMPLATE_LIMITS.parseLimit,
    renderLimit: options.renderLimit ?? DEFAULT_TEMPLATE_LIMITS.renderLimit,
    memoryLimit: options.memoryLimit ?? DEFAULT_TEMPLATE_LIMITS.memoryLimit,
    cacheSize: options.cacheSize ?? DEFAULT_TEMPLATE_LIMITS.cacheSize,
  };
  // Built on the first template parsed: liquidjs itself loads then (liquidjs.ts).
  let built: Liquid | undefined;
  const engine = (): Liquid => {
    built ??= buildLiquid(limits, options.now ?? Date.now);
    return built;
  };
  const cache = new LruCache<string, Parsed>(limits.cacheSize);

  function fail(error: unknown): StratoflowError {
    if (error instanceof TemplateError) return error;
    // A value that refused to be read (an expired vault item) keeps its own code and sentence.
    const cause = codedCause(error);
    if (cause) return cause;
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes(TIME_MESSAGE)) {
      return new TemplateError(
        `Template rendering took longer than ${limits.renderLimit} ms (all fields of the node together) and was stopped.`,
      );
    }
    if (message.includes(MEMORY_MESSAGE)) {
      return new TemplateError(
        `Template rendering produced more than ${limits.memoryLimit} characters or items (all fields of the node together).`,
      );
    }
    return new TemplateError(`Template error: ${message}`);
  }

  function parse(template: string): Parsed {
    const cached = cache.get(template);
    if (cached) return cached;
    if (template.length > limits.parseLimit) {
      throw new TemplateError(
        `Template is ${template.length} characters long; the limit is ${limits.parseLimit}. Shorten it.`,
      );
    }
    let templates: Template[];
    try {
      templates = engine().parse(template);
    } catch (error) {
      throw fail(error);
    }
    const parts = partsOf(templates);
    const only = parts?.length === 1 ? parts[0] : undefined;
    const parsed = { templates, parts, lone: typeof only === 'object' ? only : null };
    cache.set(template, parsed);
    return parsed;
  }

  const budget = (parent?: RenderBudget, scale = 1) =>
    createBudget(limits.renderLimit * scale, limits.memoryLimit * scale, parent);

  /** A liquidjs context whose limits are the budget's: one allowance across many renders. */
  function contextFor(scope: Record<string, unknown>, spend: RenderBudget, watch?: UndefinedWatch): Context {
    const liquid = engine();
    const limiters = { liquid, renderLimit: spend.time, memoryLimit: spend.memory };
    if (!watch) {
      return new (liquidjs().Context)(
        scope,
        liquid.options,
        { sync: true },
        limiters as ConstructorParameters<typeof Context>[3],
      );
    }
    return new (watchedContext())(
      watch,
      scope,
      liquid.options,
      { sync: true, strictVariables: true },
      limiters as ConstructorParameters<typeof Context>[3],
    );
  }

  /**
   * Runs `once` with a watched context. A strict context stops at the first missing variable, so in
   * warning mode the missing path is noted (then read as undefined) and the render starts over; renders
   * have no side effects outside their own scope. The happy path renders once.
   */
  function watched<T>(watch: UndefinedWatch | undefined, once: () => T): T {
    // liquidjs reports a missing variable with three nested errors whose stacks it formats at once; no
    // one reads those stacks, and capturing them was most of a warning's cost. Renders are synchronous,
    // so the setting is back before any other code runs.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return watchedOnce(watch, once);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }

  function watchedOnce<T>(watch: UndefinedWatch | undefined, once: () => T): T {
    for (;;) {
      try {
        return once();
      } catch (error) {
        const missing = undefinedPath(error);
        if (!watch || missing === null) throw fail(error);
        if (watch.strict) {
          throw new TemplateError(
            `Template reads '${missing}', which is undefined (the workflow has strict_variables on).`,
          );
        }
        if (watch.found.includes(missing) || watch.found.length >= MAX_UNDEFINED_REPORTED) {
          // Cannot happen for a noted path; past the cap, render the rest leniently, unreported.
          return watchedOnce(undefined, once);
        }
        watch.found.push(missing);
      }
    }
  }

  function renderParsed(
    parsed: Parsed,
    scope: Record<string, unknown>,
    spend: RenderBudget,
    watch?: UndefinedWatch,
  ): string {
    return watched(watch, () => {
      const emitter = new MeteredEmitter(spend.memory);
      const ctx = contextFor(scope, spend, capped(watch));
      if (parsed.parts) renderParts(parsed.parts, ctx, emitter, spend);
      else liquidjs().toValueSync(engine().renderer.renderTemplates(parsed.templates, ctx, emitter));
      return emitter.buffer;
    });
  }

  function render(
    template: string,
    scope: Record<string, unknown>,
    spend = budget(),
    watch?: UndefinedWatch,
  ): string {
    return hasMarkup(template) ? renderParsed(parse(template), scope, spend, watch) : template;
  }

  function evaluate(
    expression: string,
    scope: Record<string, unknown>,
    spend = budget(),
    watch?: UndefinedWatch,
  ): unknown {
    if (!hasMarkup(expression)) return expression;
    const trimmed = expression.trim();
    const parsed = parse(trimmed);
    const { lone } = parsed;
    if (!lone) {
      return trimmed === expression
        ? renderParsed(parsed, scope, spend, watch)
        : render(expression, scope, spend, watch);
    }
    return watched(watch, () => {
      spend.time.check(performance.now());
      return liquidjs().toValue(lone.evaluate(contextFor(scope, spend, capped(watch))));
    });
  }

  function check(template: string): TemplateCheck {
    if (!hasMarkup(template)) return { ok: true, references: [] };
    try {
      const segments = engine().globalVariableSegmentsSync(parse(template).templates);
      const references = segments.map((path) => {
        const plain: string[] = [];
        for (const segment of path) {
          if (typeof segment !== 'string' && typeof segment !== 'number') break;
          plain.push(String(segment));
        }
        return plain;
      });
      return { ok: true, references: references.filter((path) => path.length > 0) };
    } catch (error) {
      return { ok: false, message: fail(error).message.replace(/^Template error: /, '') };
    }
  }

  function renderDeep(
    value: unknown,
    scope: Record<string, unknown>,
    skipKeys: readonly string[] = [],
    spend = budget(),
    watch?: UndefinedWatch,
  ): unknown {
    const deep = (v: unknown): unknown => {
      if (typeof v === 'string') return render(v, scope, spend, watch);
      if (Array.isArray(v)) return v.map(deep);
      if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]));
      return v;
    };
    if (skipKeys.length === 0 || !isPlainObject(value)) return deep(value);
    return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, skipKeys.includes(k) ? x : deep(x)]));
  }

  return { budget, render, renderDeep, evaluate, check };
}

/** A liquidjs engine with Stratoflow's options, tags and filters, and without the tags that read files. */
function buildLiquid(limits: TemplateLimits, now: () => number): Liquid {
  const liquid = new (liquidjs().Liquid)({
    strictFilters: true,
    strictVariables: false,
    // Only consulted by watched renders (strict contexts): tests and defaults may read missing values.
    lenientIf: true,
    ownPropertyOnly: true,
    parseLimit: limits.parseLimit,
    renderLimit: limits.renderLimit,
    memoryLimit: limits.memoryLimit,
    // The standard `date` filter works in UTC, whatever the server's zone.
    timezoneOffset: 0,
    // Given, so that constructing the engine does not ask Intl for the host's locale: the first Intl call
    // maps ~8 MB of ICU data, which an idle server (or one whose templates never format dates) never needs.
    locale: 'en-US',
  });
  for (const tag of FILE_TAGS) delete liquid.tags[tag];
  registerCounterTags(liquid);
  registerFilters(liquid, now);
  return liquid;
}

/** Literal text, or one `{{ … }}` output. */
type Part = string | LoneOutput;

/**
 * A parsed template. `parts` when it is only text and outputs, no tags (`Hello {{ name }}`, and the
 * single `{{ n1.items }}` most node fields are); `lone` when it is one output and nothing else.
 */
interface Parsed {
  templates: Template[];
  parts: readonly Part[] | null;
  lone: LoneOutput | null;
}

function partsOf(templates: readonly Template[]): Part[] | null {
  const { Output, TokenKind } = liquidjs();
  const parts: Part[] = [];
  for (const template of templates) {
    if (template instanceof Output) parts.push(loneOutput(template));
    else if (template.token.kind === TokenKind.HTML) parts.push((template as unknown as { str: string }).str);
    else return null;
  }
  return parts;
}

/**
 * Text and outputs rendered as liquidjs's renderer renders them (a time check before each, the value
 * written to the emitter, a non-liquid error wrapped with the output's position), without the renderer's
 * two generator layers; lone-output.ts skips each value's own.
 */
function renderParts(
  parts: readonly Part[],
  ctx: Context,
  emitter: MeteredEmitter,
  spend: RenderBudget,
): void {
  const { LiquidError, RenderError, toValue } = liquidjs();
  spend.time.check(performance.now());
  for (const part of parts) {
    spend.time.check(performance.now());
    if (typeof part === 'string') {
      emitter.write(part);
      continue;
    }
    try {
      emitter.write(toValue(part.evaluate(ctx)));
    } catch (error) {
      throw LiquidError.is(error) ? error : new RenderError(error as Error, part.output);
    }
  }
}

/** Past the reporting cap a watch stops watching: the render goes on as an unwatched one would. */
function capped(watch: UndefinedWatch | undefined): UndefinedWatch | undefined {
  return watch && (watch.strict || watch.found.length < MAX_UNDEFINED_REPORTED) ? watch : undefined;
}

type WatchedContextClass = new (
  watch: UndefinedWatch,
  ...args: ConstructorParameters<typeof Context>
) => Context;

let watchedContextClass: WatchedContextClass | undefined;

function watchedContext(): WatchedContextClass {
  watchedContextClass ??= defineWatchedContext(liquidjs().Context);
  return watchedContextClass;
}

/**
 * A strict liquidjs context that reads the paths a watch has already noted as undefined instead of
 * failing on them again. liquidjs itself lets lenient reads (`if`, `default`...) through. It changes
 * only what a missing read does: lone-output.ts reads paths that exist without it.
 */
function defineWatchedContext(Base: typeof Context): WatchedContextClass {
  return class WatchedContext extends Base {
    readonly #watch: UndefinedWatch;

    constructor(watch: UndefinedWatch, ...args: ConstructorParameters<typeof Context>) {
      super(...args);
      this.#watch = watch;
    }

    override *_getFromScope(
      scope: unknown,
      paths: Parameters<Context['_getFromScope']>[1],
      strictVariables = this.strictVariables,
    ): IterableIterator<unknown> {
      try {
        return yield* super._getFromScope(scope, paths, strictVariables);
      } catch (error) {
        const missing = internalUndefinedPath(error);
        if (missing !== null && this.#watch.found.includes(missing)) return undefined;
        throw error;
      }
    }
  };
}

/** The variable liquidjs's strict mode stopped at (`undefined variable: n1.body`), else null. */
function undefinedPath(error: unknown): string | null {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const path = internalUndefinedPath(e);
    if (path !== null) return path;
    e = (e as { originalError?: unknown }).originalError;
  }
  return null;
}

function internalUndefinedPath(error: unknown): string | null {
  const e = error as { name?: unknown; variableName?: unknown } | null;
  return e?.name === 'InternalUndefinedVariableError' && typeof e.variableName === 'string'
    ? e.variableName
    : null;
}

/** The first coded Stratoflow error in liquidjs's chain of wrapped errors (`originalError`). */
function codedCause(error: unknown): StratoflowError | null {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof StratoflowError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return null;
}

function hasMarkup(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
