import type { z } from 'zod';
import type { InteractionAnswer, InteractionRequest } from '../domain/interactions.js';
import type { Clock } from '../domain/time.js';
import type { NodeKind } from '../domain/types.js';

/** The minimal logger a node may use (pino's child loggers satisfy it). */
export interface NodeLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Limits a node must respect (configurable; Altostrat's values by default). */
export interface NodeLimits {
  nodeTimeoutMs: number;
  maxDelayMs: number;
  httpResponseMaxBytes: number;
}

/** How the run was started: what a trigger node turns into its output. */
export interface TriggerInput {
  origin: string;
  payload: Record<string, unknown>;
  headers?: Record<string, string>;
  scheduledFor?: string;
}

/** Outbound HTTP, guarded against private destinations (see nodes/actions/http/). */
export interface HttpPort {
  request(req: HttpRequest): Promise<HttpResponse>;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Text, or bytes (a multipart body carrying run files). */
  body?: string | Uint8Array;
  timeoutMs: number;
  signal?: AbortSignal;
  /** How to trust the server's certificate (https only); absent: the usual CA verification. */
  tls?: HttpTls;
}

/**
 * Certificate trust for one request. Verification always stays on: `ca` adds trusted certificates (PEM) to
 * the public roots; `pinnedSha256` (hex of the DER certificate's SHA-256, colons allowed) trusts exactly the
 * certificate with that fingerprint instead of the CA chain, for the self-signed certificates devices ship.
 */
export interface HttpTls {
  ca?: string;
  pinnedSha256?: string;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Outbound connections that are not HTTP (SSH, SMTP): the same private-address guard as `HttpPort`
 * (STRATOFLOW_HTTP_ALLOWED_CIDRS). Connect to the address `resolve` returns, never to the name again.
 */
export interface NetPort {
  /** An allowed address for `host` (name or IP literal); throws `http_destination_blocked` otherwise. */
  resolve(host: string): Promise<string>;
}

/** Server-wide defaults integration nodes fall back on (from the environment; see src/config.ts). */
export interface ServiceDefaults {
  /** STRATOFLOW_SMTP_URL: `smtp://user:pass@host:587` or `smtps://host:465`. */
  readonly smtpUrl: string | null;
  /** STRATOFLOW_SMTP_FROM: the sender when a node names none. */
  readonly smtpFrom: string | null;
  /** STRATOFLOW_AI_BASE_URL: an OpenAI-compatible API base, e.g. `https://api.openai.com/v1`. */
  readonly aiBaseUrl: string | null;
}

/** Starting and watching other workflows' runs (Trigger Another Workflow, Iterator). */
export interface SubRunPort {
  /**
   * Starts a run of another workflow of the same org with `input` as its trigger payload. `key` makes
   * the start idempotent (a retry after a crash finds the run it already started).
   */
  start(workflowId: string, input: Record<string, unknown>, key: string): Promise<{ runId: string }>;
  /** The run this run started with `key` (see `start`), or null when it started none. */
  find(key: string): Promise<{ runId: string } | null>;
  /** A started run's state; `output` is its final output once completed. */
  get(runId: string): Promise<{ status: string; output: unknown; errorMessage: string | null } | null>;
}

/** Vault references a node resolves itself (header values holding a literal `vlt_...` id). */
export interface SecretRefs {
  /** Replaces every `vlt_<id>` reference in `text` with the secret's value; throws for unknown/expired ones. */
  resolve(text: string): string;
  /**
   * `text` with every secret the run loaded replaced by `[REDACTED]`. Call it before cutting text short
   * (an excerpt): a secret cut in half is no longer recognised afterwards.
   */
  redact(text: string): string;
  /**
   * Treats `value` as a secret for the rest of the run: it (and its usual encodings) is redacted from
   * node logs, outputs, error messages and process logs. For credentials a node assembles itself.
   */
  register(value: string): void;
}

/** The delegated access of the user who confirmed the workflow's authorization (spec 1.8). */
export interface DelegatedAccess {
  /**
   * That user's bearer token, decrypted now and registered with the run's redactor. Throws a coded error
   * (`authorization_unavailable`) when the workflow names no authorization or it is not active.
   */
  token(): Promise<string>;
}

/** A file a node produced, kept with its run (downloadable at /workflows/runs/{runId}/files/{fileId}). */
export interface RunFileInfo {
  id: string;
  runId: string;
  name: string;
  contentType: string;
  size: number;
}

/** The run's files: what a node stores (a PDF) and what another reads back (an email attachment). */
export interface RunFilesPort {
  /** Stores `content` as a file of this run; fails with `run_file_too_large` above the configured cap. */
  save(file: { name: string; contentType: string; content: Buffer }): Promise<RunFileInfo>;
  /** A file of this organization by id (any of its runs), with its bytes; null when there is none. */
  read(fileId: string): Promise<(RunFileInfo & { content: Buffer }) | null>;
}

/** Short links Stratoflow serves itself at `{public URL}/l/{code}`. */
export interface ShortLinksPort {
  create(link: { url: string; expiresAt: number | null }): Promise<ShortLinkInfo>;
}

export interface ShortLinkInfo {
  id: string;
  code: string;
  shortUrl: string;
  url: string;
  expiresAt: number | null;
}

/** Where the Altostrat platform API lives (STRATOFLOW_PLATFORM_API_URL); null: not configured. */
export interface PlatformApiSettings {
  baseUrl: string | null;
  tls?: HttpTls;
}

/**
 * The run's redactor, as a node sees it: a value registered here (a private key the node generated) is
 * replaced by `[REDACTED]` in everything the run stores or returns from then on, this node's own log
 * included. Later nodes of the same execution still read the real value from the run context.
 */
export interface SecretOutputs {
  register(secret: string): void;
}

/** Everything a node's `run` receives besides its config. */
export interface NodeContext {
  readonly runId: string;
  readonly workflowId: string;
  readonly orgId: string;
  readonly nodeId: string;
  readonly attempt: number;
  readonly signal: AbortSignal;
  readonly logger: NodeLogger;
  readonly limits: NodeLimits;
  readonly clock: Clock;
  /** Only for triggers: what started the run. */
  readonly trigger: TriggerInput;
  /** Set when the node asked to wait earlier and the wait is over (e.g. a Delay waking up). */
  readonly waitedUntil: number | null;
  /** What the node stored with its last `wait` (null the first time). */
  readonly memo: unknown;
  /** How deep this run is in a chain of workflows calling workflows (0 = started directly). */
  readonly depth: number;
  readonly http: HttpPort;
  readonly net: NetPort;
  readonly services: ServiceDefaults;
  readonly runs: SubRunPort;
  readonly secrets: SecretRefs;
  readonly delegation: DelegatedAccess;
  readonly files: RunFilesPort;
  readonly links: ShortLinksPort;
  readonly platform: PlatformApiSettings;
  /**
   * Only for nodes that wait with an `interaction`: how it ended once it has (`answered` with who and
   * when, or `expired` at its timeout); null while nothing was asked yet.
   */
  readonly interaction: InteractionOutcome | null;
  /** Only for nodes with a one-time link (`interaction.link`): its URL, the same for the whole run. */
  readonly linkUrl: string | null;
  readonly redactor: SecretOutputs;
}

/** How an interaction ended, as a node reads it back. */
export type InteractionOutcome =
  | { status: 'answered'; answer: InteractionAnswer; answeredBy: string | null; answeredAt: number }
  | { status: 'expired' };

/**
 * What `run` returns:
 * - `{ output, handle? }`: the node finished; `handle` picks the outgoing edges (default: plain edges).
 * - `{ wait: { until, memo? } }`: park the run durably and call `run` again after `until` (Delay, a
 *   child run to finish); `memo` is handed back as `ctx.memo`. A finishing child run wakes its parent early.
 * - `{ wait: { until, interaction } }`: ask a person (a form). The engine records the interaction, the run
 *   becomes `awaiting_ui_interaction`, and `run` is called again with `ctx.interaction` set once it is
 *   answered, or at `until` (its timeout) as `expired`.
 * - `{ output, terminate: { status, message } }`: end the whole run now (Terminate).
 */
export type NodeOutcome =
  | {
      output: unknown;
      handle?: string | null;
      terminate?: { status: 'completed' | 'failed'; message: string | null };
    }
  | { wait: { until: number; memo?: unknown; interaction?: InteractionRequest } };

export interface NodeDefinition<TConfig = unknown> {
  readonly componentId: string;
  readonly kind: NodeKind;
  readonly title: string;
  readonly description: string;
  /** zod schema of `node.data` (besides `componentId`); validated after templating, before `run`. */
  readonly config: z.ZodType<TConfig>;
  /**
   * zod schema of what the node outputs (published as `output_schema` in `GET /components` and
   * docs/nodes.md). Describes the `output` of a finished node; node tests check real outputs against it.
   */
  readonly output?: z.ZodType;
  /**
   * A typical output (what `{{ node_id.* }}` reads), published as the output schema's `examples` and in
   * docs/nodes.md; the catalogue test checks it against `output`.
   */
  readonly outputExample?: unknown;
  /** Fixed output handles; `dynamicHandles` adds config-derived ones (switch cases). */
  readonly handles: readonly string[];
  readonly dynamicHandles?: (config: TConfig) => string[];
  /** What the config-derived handles are, for docs/nodes.md: `one per case, named by its \`id\``. */
  readonly dynamicHandlesDoc?: string;
  /**
   * Config fields left out of Liquid pre-rendering (the node renders or evaluates them itself).
   * Everything else that is a string is rendered before validation.
   */
  readonly rawFields?: readonly string[];
  /**
   * Top-level config fields whose strings are evaluated to their raw value instead of being rendered to
   * text: a string that is exactly one `{{ expression }}` gives the value itself (an array or object,
   * e.g. an iterator's `items: "{{ n1.rows }}"`, or a number); other strings render to text as usual.
   * Objects and arrays are walked, so every string inside them is evaluated the same way.
   */
  readonly valueFields?: readonly string[];
  /**
   * Node metadata keys (normally not config: `description`, `label`...) this component reads as config.
   */
  readonly configMetadata?: readonly string[];
  /**
   * Set on components that ask people (their `run` may wait with an `interaction`). `link(data)` says
   * from the raw node data whether the node gets a one-time link; its URL is then readable as
   * `{{ node_id.url }}` from the run's start, so an earlier node can already send it.
   */
  readonly interactive?: { link(data: Record<string, unknown>): boolean };
  /**
   * Whether `run` reaches outside the process (HTTP, mail, SSH...). Offline runs (`stratoflow run` and
   * `stratoflow test`) refuse such nodes unless mocked or `--allow-network`. Actions that leave it unset
   * count as outbound, so a new integration is never called offline by mistake; triggers and conditions
   * never are.
   */
  readonly network?: boolean;
  /**
   * Set on components whose `run` only computes: nothing outside the run sees it (no network, no store,
   * no files or links, no child runs, no waits, no people), so running it again after a crash cannot be
   * told from running it once. Such a node's log rides along with the run's next commit instead of
   * committing on its own, while the nodes it makes ready are pure too (docs/decisions/0026).
   */
  readonly pure?: boolean;
  /** Save-time checks beyond the schema, against the configured limits. Returns problems as sentences. */
  readonly check?: (config: TConfig, limits: NodeLimits) => string[];
  run(ctx: NodeContext, config: TConfig): Promise<NodeOutcome> | NodeOutcome;
}

/** Declares a component. The generic keeps `run`'s config typed by the schema. */
export function defineNode<S extends z.ZodType>(
  definition: Omit<NodeDefinition<z.output<S>>, 'config'> & { config: S },
): NodeDefinition<z.output<S>> {
  return definition as NodeDefinition<z.output<S>>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds definitions of every config type
export type AnyNodeDefinition = NodeDefinition<any>;
