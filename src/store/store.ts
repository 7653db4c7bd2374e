import type { RunFileRecord, ShortLinkRecord } from '../domain/artifacts.js';
import type { InteractionAnswer, InteractionRecord } from '../domain/interactions.js';
import type {
  LogRecord,
  LogStatus,
  RunRecord,
  RunState,
  RunStatus,
  WorkflowHead,
  WorkflowRecord,
} from '../domain/types.js';
import type {
  ApiKeyRecord,
  AuthorizationRecord,
  SealedValue,
  VaultItemRecord,
  VaultUpdateResult,
  WorkflowAuthorization,
} from '../domain/vault.js';

/** Runs of one workflow, created on one UTC day, that have one status. */
export interface RunDayCount {
  workflowId: string;
  /** Days since 1970-01-01 UTC. */
  day: number;
  status: RunStatus;
  count: number;
}

/**
 * The Store: every durable read and write Stratoflow makes. SQLite (embedded) and PostgreSQL (scale-out)
 * implement it with the same SQL and pass one contract suite. Every read is scoped by `orgId` except the
 * worker's own calls (claim, commit), which act on runs they hold a lease on.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';

  // Workflows ---------------------------------------------------------------------------------------
  /** Inserts the workflow and its first version. */
  createWorkflow(workflow: WorkflowRecord): Promise<void>;
  /** Saves the workflow; when `newVersion` the definition is stored as a new immutable version. */
  updateWorkflow(workflow: WorkflowRecord, newVersion: boolean): Promise<void>;
  getWorkflow(orgId: string, workflowId: string): Promise<WorkflowRecord | null>;
  /** The workflow without its definition (nothing to read or parse): what starting a run needs. */
  getWorkflowHead(orgId: string, workflowId: string): Promise<WorkflowHead | null>;
  listWorkflows(orgId: string): Promise<WorkflowRecord[]>;
  /** Deletes the workflow, its versions, runs, logs and run files. Returns false when it did not exist. */
  deleteWorkflow(orgId: string, workflowId: string): Promise<boolean>;
  /** The workflow whose webhook token hashes to `tokenHash` (see domain/webhook-token.ts). */
  findWorkflowByWebhookHash(tokenHash: string): Promise<WorkflowHead | null>;
  /** The definition a run pinned. */
  getVersion(versionId: string): Promise<WorkflowRecord['definition'] | null>;

  // Runs --------------------------------------------------------------------------------------------
  /**
   * Inserts a pending run. With an idempotency key, a second call with the same `(orgId, key)` inside
   * the window returns the first run instead (and inserts nothing).
   */
  createRun(run: RunRecord, idempotency?: IdempotencyClaim): Promise<{ run: RunRecord; created: boolean }>;
  getRun(orgId: string, runId: string): Promise<RunRecord | null>;
  /**
   * The run created with idempotency key `key` in the organization, however old the key (child runs
   * are found again by the key their parent started them with).
   */
  getRunByIdempotencyKey(orgId: string, key: string): Promise<RunRecord | null>;
  listRuns(orgId: string, workflowId: string, page: PageRequest): Promise<PageResult<RunRecord>>;
  /** The org's runs matching `filter`, newest first (ties broken by id). */
  findRuns(orgId: string, filter: RunFilter, page: PageRequest): Promise<PageResult<RunRecord>>;
  /** The workflow's runs by status, its whole history. */
  countRunsByStatus(orgId: string, workflowId: string): Promise<Partial<Record<RunStatus, number>>>;
  /**
   * Runs created on the UTC day of `sinceMs` or later (whole days), counted per workflow, UTC day (days
   * since the epoch) and status; one workflow's when `workflowId` is given, else the whole organization's.
   */
  countRunsPerDay(orgId: string, sinceMs: number, workflowId?: string): Promise<RunDayCount[]>;
  /** Each workflow's newest run (workflows that never ran have none). */
  latestRuns(orgId: string): Promise<RunRecord[]>;
  /** The organization's most recent failed runs, newest first. */
  recentFailedRuns(orgId: string, limit: number): Promise<RunRecord[]>;

  // Worker ------------------------------------------------------------------------------------------
  /**
   * Leases up to `limit` ready runs (pending, running or awaiting_ui_interaction, `ready_at <= now`, no
   * live lease; an awaiting run's `ready_at` is its form's timeout). Only the lease
   * changes; the executor's first commit marks a pending run running.
   */
  claimRuns(owner: string, now: number, leaseMs: number, limit: number): Promise<RunRecord[]>;
  /** Extends the leases `owner` still holds; returns the ids it no longer holds. */
  heartbeat(owner: string, runIds: readonly string[], leaseUntil: number): Promise<string[]>;
  /**
   * One transaction per finished node: inserts the log (if any) and applies the run patch, but only
   * while `owner` still holds the lease. Returns false (and writes nothing) when the lease was lost.
   */
  commitStep(
    runId: string,
    owner: string,
    log: LogRecord | readonly LogRecord[] | null,
    patch: RunPatch,
  ): Promise<boolean>;
  /**
   * Inserts a run that was executed before it was stored (the synchronous API) together with its first
   * logs, in one transaction. Nothing outside the run has seen it yet, so it cannot collide.
   */
  insertRunWithLogs(run: RunRecord, logs: readonly LogRecord[]): Promise<void>;
  /** The logs of a run, in order; with `afterSeq`, only those committed after that sequence number. */
  listRunLogs(runId: string, afterSeq?: number): Promise<LogRecord[]>;
  /**
   * Clears every lease (embedded mode only, at start-up: the previous process owning the data folder
   * is gone, so its runs continue now instead of after their leases lapse).
   */
  releaseAllLeases(): Promise<number>;
  /** Runs of the organization that are pending or running (for the runs-in-flight quota). */
  countRunsInFlight(orgId: string): Promise<number>;
  /** Counts one unexpected failure of executing a run `owner` holds; the new count, or null if not held. */
  recordCrash(runId: string, owner: string): Promise<number | null>;
  /**
   * Makes a parked run ready at `at` (a child run finished, an answer came while it was held); a run
   * someone holds is left alone.
   */
  wakeRun(runId: string, at: number): Promise<void>;
  /**
   * Subscribes to "a run became ready" from every process (PostgreSQL LISTEN/NOTIFY); a no-op for
   * SQLite. Resolves to an unsubscribe function.
   */
  onRunsReady(callback: () => void): Promise<() => Promise<void>>;
  /** Earliest `ready_at` of a parked run, for the worker's wake-up timer. */
  nextReadyAt(): Promise<number | null>;
  /**
   * The queue a worker would claim from at `now` (free or expired-lease runs that are due): how many
   * runs and the earliest `ready_at` among them (null: none). Metrics read it on scrape.
   */
  readyQueue(now: number): Promise<{ depth: number; oldestReadyAt: number | null }>;

  // Logs --------------------------------------------------------------------------------------------
  listLogs(
    orgId: string,
    workflowId: string,
    filter: LogFilter,
    page: PageRequest,
  ): Promise<PageResult<LogRecord>>;
  recentLogs(orgId: string): Promise<LogRecord[]>;
  countLogsByStatus(orgId: string, workflowId: string): Promise<Partial<Record<LogStatus, number>>>;

  // Vault -------------------------------------------------------------------------------------------
  /** Inserts an item (and the hash of its minted API key). False when the org already has that name. */
  createVaultItem(item: VaultItemRecord, apiKey: ApiKeyRecord | null): Promise<boolean>;
  /** Saves name, sealed value and expiry of the org's item. */
  updateVaultItem(item: VaultItemRecord): Promise<VaultUpdateResult>;
  getVaultItem(orgId: string, id: string): Promise<VaultItemRecord | null>;
  /** The org's items, newest first. */
  listVaultItems(orgId: string): Promise<VaultItemRecord[]>;
  /** Deletes the item and its API key hash. False when it did not exist in the org. */
  deleteVaultItem(orgId: string, id: string): Promise<boolean>;
  /** The org's items with one of these names or ids (what a run refers to). */
  findVaultItems(orgId: string, names: readonly string[], ids: readonly string[]): Promise<VaultItemRecord[]>;
  /** The workflow API key whose sha256 is `keyHash`: its org, vault item and the item's expiry. */
  findApiKey(keyHash: string): Promise<{ orgId: string; vaultId: string; expiresAt: number | null } | null>;
  /**
   * Master key rotation: in one transaction, replaces every sealed value (vault items and authorization
   * tokens) with what `rewrap` returns for it. A throw rolls everything back.
   */
  rewrapSealedValues(
    rewrap: (sealed: SealedValue) => SealedValue,
  ): Promise<{ vaultItems: number; authorizations: number }>;

  // Authorizations ----------------------------------------------------------------------------------
  authorizationExists(orgId: string, authorizationId: string): Promise<boolean>;
  createAuthorization(authorization: AuthorizationRecord): Promise<void>;
  /** The org's authorizations (pending and active), newest first. */
  listAuthorizations(orgId: string): Promise<AuthorizationRecord[]>;
  getAuthorization(orgId: string, id: string): Promise<AuthorizationRecord | null>;
  /** The pending authorization whose one-time confirmation token hashes to `confirmTokenHash`. */
  findPendingAuthorization(confirmTokenHash: string): Promise<AuthorizationRecord | null>;
  /**
   * Makes a pending authorization active, exactly once: only while its confirmation hash is still
   * `confirmTokenHash` (which is then cleared). False when it was confirmed or deleted meanwhile.
   */
  activateAuthorization(
    id: string,
    confirmTokenHash: string,
    grant: { userId: string; email: string | null; sealedToken: SealedValue },
  ): Promise<boolean>;
  deleteAuthorization(orgId: string, id: string): Promise<boolean>;
  /** The workflow's `authorization_id` and its status (null: deleted); null when it names none. */
  workflowAuthorization(orgId: string, workflowId: string): Promise<WorkflowAuthorization | null>;

  // Schedules and platform events -------------------------------------------------------------------
  /** Active workflows whose `next_run_at <= now`, earliest first. */
  dueWorkflows(now: number, limit: number): Promise<DueWorkflow[]>;
  /** Earliest `next_run_at` of an active workflow, for the scheduler's wake-up timer. */
  nextScheduledAt(): Promise<number | null>;
  /**
   * Fires one due time, exactly once across every process: in one transaction, moves `next_run_at` from
   * `expectedNextRunAt` to `newNextRunAt` (only while the workflow is active and still due at exactly
   * that time) and, only if that changed the row, inserts `run`. Returns whether this call fired.
   */
  fireSchedule(
    workflowId: string,
    expectedNextRunAt: number,
    newNextRunAt: number,
    run: RunRecord,
  ): Promise<boolean>;
  /** Moves `next_run_at` on without a run (null stops the schedule), if it is still `expectedNextRunAt`. */
  advanceSchedule(
    workflowId: string,
    expectedNextRunAt: number,
    newNextRunAt: number | null,
  ): Promise<boolean>;
  /** The org's active workflows whose trigger node is `componentId`, oldest first. */
  activeWorkflowsWithTrigger(orgId: string, componentId: string): Promise<WorkflowRecord[]>;

  // Run files and short links --------------------------------------------------------------------
  saveRunFile(file: RunFileRecord, content: Buffer): Promise<void>;
  /** The files of the org's run, oldest first (without their bytes). */
  listRunFiles(orgId: string, runId: string): Promise<RunFileRecord[]>;
  getRunFile(orgId: string, fileId: string): Promise<{ file: RunFileRecord; content: Buffer } | null>;
  /** Inserts a link; false when its code is taken (the caller draws another). */
  createShortLink(link: ShortLinkRecord): Promise<boolean>;
  /** The org's links, newest first. */
  listShortLinks(orgId: string, page: PageRequest): Promise<PageResult<ShortLinkRecord>>;
  deleteShortLink(orgId: string, id: string): Promise<boolean>;
  /**
   * A visit of `/l/{code}` at `now`: counts the click unless the link has expired (atomically, across
   * processes). Null when there is no such code.
   */
  followShortLink(code: string, now: number): Promise<{ link: ShortLinkRecord; expired: boolean } | null>;
  // Interactions (forms) -----------------------------------------------------------------------------
  /**
   * Records what a node asks people. A run has at most one per node: when it already has one (the node
   * ran again after a crash), nothing is written and the stored one is returned.
   */
  createInteraction(interaction: InteractionRecord): Promise<InteractionRecord>;
  /** A run's interactions, oldest first (the caller checks the run's org). */
  listRunInteractions(runId: string): Promise<InteractionRecord[]>;
  /**
   * The org's open interactions, newest first: pending, not past their timeout, of a run still going.
   * `assignee` keeps only those meant for that user id or email.
   */
  listPendingInteractions(
    orgId: string,
    filter: { assignee?: string; now: number },
    page: PageRequest,
  ): Promise<PageResult<InteractionRecord>>;
  /** The interaction whose one-time link token hashes to `linkHash`, in any status. */
  findInteractionByLink(linkHash: string): Promise<InteractionRecord | null>;
  /**
   * Answers an interaction exactly once (compare-and-set): only while it is pending, before its timeout
   * and its run still going. In the same transaction the run, if parked, becomes `running` and ready
   * now. False when someone answered first, it timed out, or the run ended.
   */
  answerInteraction(
    id: string,
    answer: InteractionAnswer,
    answeredBy: string | null,
    now: number,
  ): Promise<boolean>;
  /** Marks a pending interaction past its timeout expired, exactly once; false when it was answered. */
  expireInteraction(id: string, now: number): Promise<boolean>;
  /** Closes a finished run's pending interactions. */
  cancelInteractions(runId: string): Promise<number>;

  // Retention ---------------------------------------------------------------------------------------
  /**
   * Deletes up to `limit` runs that finished (completed or failed) before `before`, with their logs,
   * run files, form interactions and idempotency keys, oldest first; one transaction. A child run is
   * kept while its parent has not finished (the parent may still read its output). Returns how many
   * runs were deleted.
   */
  deleteFinishedRuns(before: number, limit: number): Promise<number>;
  /**
   * Gives space freed by deletions back to the file system: SQLite's incremental vacuum once enough of
   * the file is free; a no-op on PostgreSQL (autovacuum). Returns the pages released.
   */
  reclaimSpace(): Promise<number>;

  /** True when the database answers and every migration has been applied (`/readyz`). Never throws. */
  ready(): Promise<boolean>;

  close(): Promise<void>;
}

/** What the scheduler needs of a due workflow (no definition). */
export interface DueWorkflow {
  id: string;
  orgId: string;
  versionId: string;
  scheduleType: string;
  scheduleValue: string | null;
  scheduleTimezone: string | null;
  nextRunAt: number;
}

export interface IdempotencyClaim {
  key: string;
  /** Keys older than this (epoch ms) are expired and may be reused. */
  notBefore: number;
}

/** The fields of a run the worker changes as it goes. Omitted fields are left as they are. */
export interface RunPatch {
  status?: RunStatus;
  errorMessage?: string | null;
  failedNodeId?: string | null;
  startedAt?: number | null;
  completedAt?: number | null;
  readyAt?: number;
  /** Release the lease (parked on a timer, finished, or shutting down). */
  releaseLease?: boolean;
  state?: RunState;
}

export interface PageRequest {
  page: number;
  perPage: number;
}

export interface PageResult<T> {
  rows: T[];
  total: number;
}

export interface RunFilter {
  workflowId?: string;
  status?: RunStatus;
}

export interface LogFilter {
  status?: LogStatus;
  nodeId?: string;
  runId?: string;
  from?: number;
  to?: number;
}
