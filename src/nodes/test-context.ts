import { StratoflowError } from '../domain/errors.js';
import type {
  AnyNodeDefinition,
  DelegatedAccess,
  HttpPort,
  NetPort,
  NodeContext,
  NodeDefinition,
  NodeLimits,
  NodeOutcome,
  RunFilesPort,
  ServiceDefaults,
  ShortLinksPort,
  SubRunPort,
} from './contract.js';
import { assertDeclaredOutput } from './output-check.js';

/**
 * A small `NodeContext` for node unit tests: a fixed clock, a live AbortSignal, a logger that keeps
 * what it was told, a redactor that keeps what it was given (`registered`), default limits, a manual
 * trigger and no pending wait. Override any field.
 */

export const TEST_NOW = Date.parse('2024-06-15T12:00:00.000Z');

export const TEST_LIMITS: NodeLimits = {
  nodeTimeoutMs: 300_000,
  maxDelayMs: 900_000,
  httpResponseMaxBytes: 10_485_760,
};

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string | undefined;
}

/** An `HttpPort` that fails the test if a node unexpectedly makes a request. */
export const noHttp: HttpPort = {
  request: () => Promise.reject(new Error('This test context has no HTTP client; pass `http`.')),
};

/** A `NetPort` that fails the test if a node unexpectedly connects somewhere; pass `net`. */
export const noNet: NetPort = {
  resolve: () => Promise.reject(new Error('This test context has no network guard; pass `net`.')),
};

export const NO_SERVICES: ServiceDefaults = { smtpUrl: null, smtpFrom: null, aiBaseUrl: null };

/** A `SubRunPort` that fails the test if a node unexpectedly starts a run; pass `runs`. */
export const noRuns: SubRunPort = {
  start: () => Promise.reject(new Error('This test context cannot start runs; pass `runs`.')),
  find: () => Promise.reject(new Error('This test context cannot find runs; pass `runs`.')),
  get: () => Promise.reject(new Error('This test context cannot read runs; pass `runs`.')),
};

/** Ports that fail the test if a node unexpectedly uses them; pass your own. */
export const noDelegation: DelegatedAccess = {
  token: () => Promise.reject(new Error('This test context has no authorization; pass `delegation`.')),
};
export const noFiles: RunFilesPort = {
  save: () => Promise.reject(new Error('This test context cannot store files; pass `files`.')),
  read: () => Promise.reject(new Error('This test context cannot read files; pass `files`.')),
};
export const noLinks: ShortLinksPort = {
  create: () => Promise.reject(new Error('This test context cannot create links; pass `links`.')),
};

export function createTestContext(
  overrides: Partial<NodeContext> = {},
): NodeContext & { lines: LoggedLine[]; registered: string[] } {
  const lines: LoggedLine[] = [];
  const registered: string[] = [];
  const log = (level: LoggedLine['level']) => (obj: object, msg?: string) => {
    lines.push({ level, obj, msg });
  };
  return {
    runId: 'fl_run_test',
    workflowId: 'fl_test',
    orgId: 'org_test',
    nodeId: 'n2',
    attempt: 1,
    signal: new AbortController().signal,
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    limits: TEST_LIMITS,
    clock: { now: () => TEST_NOW },
    trigger: { origin: 'manual', payload: {} },
    waitedUntil: null,
    memo: null,
    depth: 0,
    http: noHttp,
    net: noNet,
    services: NO_SERVICES,
    runs: noRuns,
    secrets: { resolve: (text) => text, register: () => undefined, redact: (text) => text },
    delegation: noDelegation,
    files: noFiles,
    links: noLinks,
    platform: { baseUrl: null },
    interaction: null,
    linkUrl: null,
    redactor: { register: (secret) => registered.push(secret) },
    ...overrides,
    lines,
    registered,
  };
}

/**
 * Validates `raw` with the node's schema (as the engine does after templating), then runs the node. A
 * finished node's output is checked against the output schema it publishes (`GET /components`): every
 * node test that runs a node through here checks its real output, and fails on an undeclared key.
 */
export async function runNode<TConfig>(
  definition: NodeDefinition<TConfig>,
  raw: unknown,
  ctx: NodeContext = createTestContext(),
): Promise<NodeOutcome> {
  const outcome = await definition.run(ctx, definition.config.parse(raw));
  if ('output' in outcome) assertDeclaredOutput(definition as AnyNodeDefinition, outcome.output);
  return outcome;
}

/** The coded error a node's promise rejects with; fails (throws) when it resolves or throws anything else. */
export async function nodeFailure(promise: Promise<unknown>): Promise<StratoflowError> {
  const error = await promise.then(
    () => new Error('Expected the node to fail, but it succeeded.'),
    (rejection: unknown) => rejection,
  );
  if (error instanceof StratoflowError) return error;
  throw error;
}

/**
 * Runs the node like `runNode` and requires a finished outcome whose output matches the node's declared
 * `output` schema (the schema must exist). Returns the parsed output and the handle.
 */
export async function runNodeOutput<TConfig>(
  definition: NodeDefinition<TConfig>,
  raw: unknown,
  ctx: NodeContext = createTestContext(),
  // biome-ignore lint/suspicious/noExplicitAny: tests read outputs freely
): Promise<{ output: any; handle: string | null }> {
  const outcome = await runNode(definition, raw, ctx);
  if (!('output' in outcome))
    throw new Error(`${definition.componentId} did not finish: ${JSON.stringify(outcome)}`);
  if (!definition.output) throw new Error(`${definition.componentId} declares no output schema`);
  return { output: definition.output.parse(outcome.output), handle: outcome.handle ?? null };
}
