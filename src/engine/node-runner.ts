import { ERRORS, type ErrorCode, StratoflowError } from '../domain/errors.js';
import type { InteractionRequest } from '../domain/interactions.js';
import { valueShapeProblem } from '../domain/json-depth.js';
import type { Clock } from '../domain/time.js';
import { formatTraceparent, nodeSpanId, type TraceContext } from '../domain/trace-context.js';
import type { WorkflowNode } from '../domain/types.js';
import type {
  AnyNodeDefinition,
  DelegatedAccess,
  HttpPort,
  InteractionOutcome,
  NetPort,
  NodeContext,
  NodeLimits,
  NodeLogger,
  PlatformApiSettings,
  RunFilesPort,
  ServiceDefaults,
  ShortLinksPort,
  SubRunPort,
  TriggerInput,
} from '../nodes/contract.js';
import type { Cancellation } from './cancellation.js';
import { componentConfig } from './node-config.js';
import type { RunSecrets } from './secrets.js';
import type { RenderBudget, TemplateEngine, UndefinedWatch } from './templates/index.js';
import { tracedHttp } from './traced-http.js';

/** What executing one node came to. */
export type StepOutcome =
  | {
      kind: 'success';
      input: unknown;
      output: unknown;
      handle: string | null;
      durationMs: number;
      terminate?: { status: 'completed' | 'failed'; message: string | null };
      /** Variables the node's templates read that do not exist (`n1.body is undefined`). */
      warnings?: string[];
    }
  | { kind: 'wait'; input: unknown; until: number; memo: unknown; interaction?: InteractionRequest }
  | {
      kind: 'error';
      input: unknown;
      message: string;
      code: ErrorCode;
      durationMs: number;
      /** Extra facts for the error output (StratoflowError.details). */
      details?: Record<string, unknown>;
      warnings?: string[];
    };

/** Per-run facts every node of the run shares. */
export interface RunScope {
  runId: string;
  workflowId: string;
  orgId: string;
  depth: number;
  trigger: TriggerInput;
  cancellation: Cancellation;
  secrets: RunSecrets;
  runs: SubRunPort;
  delegation: DelegatedAccess;
  /** The run's files, as stored by node `nodeId`. */
  files(nodeId: string): RunFilesPort;
  links: ShortLinksPort;
  /** The node logger, with the run's secrets redacted from everything it is given. */
  logger: NodeLogger;
  /** Template scope: outputs by node id, `trigger`, `webhook_payload`, `payload`. */
  scope: Record<string, unknown>;
  /** A budget every node's own render budget is also charged to (one synchronous call). */
  renderBudget?: RenderBudget;
  /** The workflow's `strict_variables`: a template reading an undefined variable fails the node. */
  strictVariables?: boolean;
  /** The run's W3C trace: outbound HTTP names the node's span as its parent (null: untraced run). */
  trace?: TraceContext | null;
}

export interface NodeRunnerDeps {
  templates: TemplateEngine;
  clock: Clock;
  limits: NodeLimits;
  http: HttpPort;
  net: NetPort;
  services: ServiceDefaults;
  logger: NodeLogger;
  platform: PlatformApiSettings;
}

export interface NodeStep {
  node: WorkflowNode;
  component: AnyNodeDefinition;
  attempt: number;
  waitedUntil: number | null;
  memo: unknown;
  /** How the node's interaction ended (nodes that ask people), else null. */
  interaction?: InteractionOutcome | null;
  /** The node's one-time link, when it has one. */
  linkUrl?: string | null;
}

/** Maps anything a node throws to a registered code and a message. */
export function classifyError(error: unknown): {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
} {
  if (error instanceof StratoflowError) {
    const { code, message, details } = error;
    return details === undefined ? { code, message } : { code, message, details };
  }
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && code in ERRORS) return { code: code as ErrorCode, message };
  return { code: 'node_failed', message };
}

/** Longest error message a node records (after redaction). */
export const MAX_ERROR_MESSAGE_CHARS = 2000;

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

function configProblem(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || 'config'}: ${i.message}`).join('; ');
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(
        new StratoflowError(
          'node_timeout',
          `Node exceeded the maximum execution time of ${ms / 1000} seconds.`,
        ),
      );
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The node's config with templates applied: rendered to text, or evaluated for value fields. All the
 * fields share one render budget (time and memory), so a node cannot multiply the limit by its fields.
 */
function renderConfig(deps: NodeRunnerDeps, run: RunScope, step: NodeStep, watch: UndefinedWatch): unknown {
  const config = componentConfig(step.node, step.component);
  const { rawFields = [], valueFields = [] } = step.component;
  const budget = deps.templates.budget(run.renderBudget);
  const skip = [...rawFields, ...valueFields];
  const rendered = deps.templates.renderDeep(config, run.scope, skip, budget, watch) as Record<
    string,
    unknown
  >;
  const evaluateDeep = (value: unknown): unknown => {
    if (typeof value === 'string') return deps.templates.evaluate(value, run.scope, budget, watch);
    if (Array.isArray(value)) return value.map(evaluateDeep);
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, evaluateDeep(item)]));
    }
    return value;
  };
  for (const field of valueFields) {
    if (field in config) rendered[field] = evaluateDeep(config[field]);
  }
  return rendered;
}

/** The parts of a node's context that are the same for every node of a run, built once per run. */
const sharedContexts = new WeakMap<RunScope, Pick<NodeContext, 'secrets' | 'redactor'>>();

function sharedContext(run: RunScope): Pick<NodeContext, 'secrets' | 'redactor'> {
  let shared = sharedContexts.get(run);
  if (!shared) {
    shared = {
      secrets: {
        resolve: (text) => run.secrets.resolveRefs(text),
        register: (value) => run.secrets.register(value),
        redact: (text) => run.secrets.redact(text),
      },
      redactor: { register: (secret) => run.secrets.register(secret) },
    };
    sharedContexts.set(run, shared);
  }
  return shared;
}

/**
 * What a node's `run` receives. A class rather than an object literal: V8 keeps a literal with getters as a
 * dictionary, ~2 kB per node executed against ~0.3 kB with the getters on a prototype (and slower reads).
 */
class StepContext implements NodeContext {
  readonly runId: string;
  readonly workflowId: string;
  readonly orgId: string;
  readonly nodeId: string;
  readonly attempt: number;
  readonly logger: NodeLogger;
  readonly limits: NodeLimits;
  readonly clock: Clock;
  readonly trigger: TriggerInput;
  readonly waitedUntil: number | null;
  readonly memo: unknown;
  readonly depth: number;
  readonly net: NetPort;
  readonly services: ServiceDefaults;
  readonly runs: SubRunPort;
  readonly secrets: NodeContext['secrets'];
  readonly delegation: DelegatedAccess;
  readonly links: ShortLinksPort;
  readonly platform: PlatformApiSettings;
  readonly interaction: InteractionOutcome | null;
  readonly linkUrl: string | null;
  readonly redactor: NodeContext['redactor'];
  readonly #deps: NodeRunnerDeps;
  readonly #run: RunScope;
  #own: Cancellation | null = null;

  constructor(
    deps: NodeRunnerDeps,
    run: RunScope,
    step: NodeStep,
    shared: Pick<NodeContext, 'secrets' | 'redactor'>,
  ) {
    this.#deps = deps;
    this.#run = run;
    this.runId = run.runId;
    this.workflowId = run.workflowId;
    this.orgId = run.orgId;
    this.nodeId = step.node.id;
    this.attempt = step.attempt;
    this.logger = run.logger;
    this.limits = deps.limits;
    this.clock = deps.clock;
    this.trigger = run.trigger;
    this.waitedUntil = step.waitedUntil;
    this.memo = step.memo;
    this.depth = run.depth;
    this.net = deps.net;
    this.services = deps.services;
    this.runs = run.runs;
    this.secrets = shared.secrets;
    this.delegation = run.delegation;
    this.links = run.links;
    this.platform = deps.platform;
    this.interaction = step.interaction ?? null;
    this.linkUrl = step.linkUrl ?? null;
    this.redactor = shared.redactor;
  }

  /** Made on first use: the node's own signal, aborted with the run or when the node's time is up. */
  get signal(): AbortSignal {
    if (!this.#own) {
      this.#own = this.#run.cancellation.follower();
    }
    return this.#own.signal;
  }

  /** Built only for nodes that make HTTP calls: they pass the run's trace on with this node's span. */
  get http(): HttpPort {
    const trace = this.#run.trace;
    if (!trace) return this.#deps.http;
    const spanId = nodeSpanId(this.runId, this.nodeId, this.attempt);
    return tracedHttp(this.#deps.http, formatTraceparent(trace.traceId, spanId), trace.traceState);
  }

  /** Built only for the nodes that store or read run files. */
  get files(): RunFilesPort {
    return this.#run.files(this.nodeId);
  }

  /** The node's time is up: a node that took its signal sees it aborted. */
  abortOwnSignal(): void {
    this.#own?.abort();
  }
}

/** Renders the node's config against the run scope, validates it, and runs the component once. */
export async function runNode(deps: NodeRunnerDeps, run: RunScope, step: NodeStep): Promise<StepOutcome> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let input: unknown = null;
  const watch: UndefinedWatch = { strict: run.strictVariables === true, found: [] };
  // A computed path segment (`n1[vault.key]`) is a value: warnings are redacted like messages.
  const warnings = () =>
    watch.found.length > 0
      ? { warnings: watch.found.map((path) => run.secrets.redact(`${path} is undefined`)) }
      : {};
  try {
    input = renderConfig(deps, run, step, watch);
    const parsed = step.component.config.safeParse(input);
    if (!parsed.success) {
      throw new StratoflowError(
        'node_config_invalid',
        `Invalid configuration: ${configProblem(parsed.error.issues)}`,
      );
    }
    const ctx = new StepContext(deps, run, step, sharedContext(run));
    const pending = step.component.run(ctx, parsed.data);
    const outcome =
      pending instanceof Promise
        ? await withTimeout(pending, deps.limits.nodeTimeoutMs, () => ctx.abortOwnSignal())
        : pending;
    if ('wait' in outcome) {
      const { until, memo, interaction } = outcome.wait;
      return { kind: 'wait', input, until, memo: memo ?? null, ...(interaction ? { interaction } : {}) };
    }
    // A trigger's output is made of its input, already checked where it came in (body parser, the
    // output of the node that started the run): walking a large payload again would only cost time.
    const problem = step.component.kind === 'trigger' ? null : valueShapeProblem(outcome.output ?? null);
    if (problem) throw new StratoflowError('node_failed', `The node's output cannot be stored: ${problem}.`);
    return {
      kind: 'success',
      input,
      output: outcome.output ?? null,
      handle: outcome.handle ?? null,
      durationMs: elapsed(),
      ...(outcome.terminate ? { terminate: outcome.terminate } : {}),
      ...warnings(),
    };
  } catch (error) {
    const { code, message, details } = classifyError(error);
    // Redact first, then shorten: a secret cut in half would no longer be recognised.
    const safe = shorten(run.secrets.redact(message), MAX_ERROR_MESSAGE_CHARS);
    return {
      kind: 'error',
      input,
      message: safe,
      code,
      durationMs: elapsed(),
      ...(details ? { details } : {}),
      ...warnings(),
    };
  }
}
