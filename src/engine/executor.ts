import { newId } from '../domain/ids.js';
import { NEVER } from '../domain/interactions.js';
import { inputReferringToOutput, referTo, refTargets } from '../domain/payload-refs.js';
import { nullRecord } from '../domain/records.js';
import type { LogRecord, RunRecord } from '../domain/types.js';
import type { NodeLogger, SubRunPort, TriggerInput } from '../nodes/contract.js';
import type { RunPatch, Store } from '../store/store.js';
import type { Cancellation } from './cancellation.js';
import type { CompiledDefinition, DefinitionCache } from './compiled-definition.js';
import { delegationFor } from './delegation.js';
import { planFrontier, planSuccessors } from './frontier.js';
import { type NodeRunnerDeps, type RunScope, runNode, type StepOutcome } from './node-runner.js';
import { type ArtifactDeps, runFilesPort, shortLinksPort } from './run-artifacts.js';
import { type RunCommits, runCommits } from './run-commits.js';
import { createRunInteractions } from './run-interactions.js';
import { buildScope, cloneState, progressFromLogs, retryPolicy } from './run-progress.js';
import { type DelegatedAccessPort, noVaultSecrets, type RunSecrets, type SecretsPort } from './secrets.js';
import type { EngineTelemetry } from './telemetry.js';
import type { RenderBudget } from './templates/index.js';

export interface ExecutorDeps extends NodeRunnerDeps {
  store: Store;
  definitions: DefinitionCache;
  runTimeoutMs: number;
  /** Loads the vault values a run references (absent: no vault). */
  secrets?: SecretsPort;
  /** Opens the delegated token of a workflow's authorization (absent: no vault). */
  delegatedAccess?: DelegatedAccessPort;
  /** Run files and short links (store, public URL, file size cap). */
  artifacts: Omit<ArtifactDeps, 'store' | 'clock'>;
  /** Why the run may not execute now (its workflow's authorization was deleted), or null. */
  authorizationProblem?: (run: RunRecord) => Promise<string | null>;
  /** Lets nodes of `run` start and watch child runs. */
  subRuns(run: RunRecord): SubRunPort;
  /** Called when a run became ready for a worker again (a child run woke its parent). */
  onRunReady?: () => void;
  /** Base of one-time form links (`{publicUrl}/forms/<token>`). */
  publicUrl?: string;
  /** Metrics and trace export (absent: none). */
  telemetry?: EngineTelemetry;
}

/** Lets the worker steer a run it holds: abort it (lease lost) or ask it to hand the run back. */
export interface RunControl {
  /** Aborted by the worker when the run's lease is lost, or by a synchronous call's deadline. */
  cancellation: Cancellation;
  /** True when the worker is shutting down: launch nothing new and release the run when idle. */
  releaseRequested(): boolean;
  /** Told when the run parks on a timer, so the worker can wake up for it. */
  onParked?(readyAt: number): void;
  /** Template budget shared by every node of this execution (a synchronous call). */
  renderBudget?: RenderBudget;
  /** Told of every successful node result, in the order they are logged (a synchronous call's answer). */
  onSuccess?(componentId: string | null, output: unknown): void;
  /** The run is not stored yet: its first commit inserts it (the synchronous API; see run-commits.ts). */
  unsaved?: boolean;
}

export type ExecutionOutcome = 'completed' | 'failed' | 'parked' | 'released' | 'lost';

type LogFields = Pick<
  LogRecord,
  'status' | 'input' | 'output' | 'handle' | 'attempt' | 'durationMs' | 'warnings'
>;
type Step = 'continue' | ExecutionOutcome;

/** The most logs a run holds back for its next commit (a long chain of pure nodes still commits). */
export const MAX_DEFERRED_LOGS = 100;

/**
 * Executes a claimed run until it ends, parks on a timer, is released, or loses its lease. A finished
 * node commits one transaction (its log + the run's new state), together with the logs of the pure
 * nodes that ran since the last commit; independent branches run concurrently. The run is a log of node
 * results: nodes with a result are never executed again.
 */
export async function executeRun(
  deps: ExecutorDeps,
  run: RunRecord,
  owner: string,
  control: RunControl,
): Promise<ExecutionOutcome> {
  const commits = runCommits(deps.store, run, owner, control.unsaved === true);
  const compiled = await deps.definitions.get(run.versionId);
  if (!compiled) {
    const message = 'The workflow version of this run no longer exists.';
    return finish(deps, run, await commitEnd(commits, null, failed(deps, message, null)));
  }
  const blocked = await deps.authorizationProblem?.(run);
  if (blocked) return finish(deps, run, await commitEnd(commits, null, failed(deps, blocked, null)));
  // A run still `pending` (or not stored) has never committed a step, so it has no logs to replay.
  const logs = run.status === 'pending' || !commits.saved() ? [] : await deps.store.listRunLogs(run.id);
  const refs = compiled.secretRefs;
  // Loaded even without references: the run's redactor also takes values nodes obtain (delegated tokens).
  const secrets = deps.secrets ? await deps.secrets.load(run.orgId, refs) : noVaultSecrets();
  const outcome = await (
    await createExecution(deps, compiled, run, commits, control, logs, secrets)
  ).execute();
  if ((outcome === 'completed' || outcome === 'failed') && compiled.interactive)
    await deps.store.cancelInteractions(run.id);
  return finish(deps, run, outcome);
}

/** A finished child run wakes its parent; telemetry hears of every run that ended; a failed run gets one info line in the server log. */
async function finish(deps: ExecutorDeps, run: RunRecord, outcome: ExecutionOutcome) {
  if (outcome === 'completed' || outcome === 'failed') deps.telemetry?.runEnded(run, outcome);
  if (outcome === 'failed') await logFailure(deps, run);
  if (run.parentRunId && (outcome === 'completed' || outcome === 'failed')) {
    await deps.store.wakeRun(run.parentRunId, deps.clock.now());
    deps.onRunReady?.();
  }
  return outcome;
}

/** The stored error message was redacted with the run's secrets before it was committed. */
async function logFailure(deps: ExecutorDeps, run: RunRecord) {
  const ended = await deps.store.getRun(run.orgId, run.id);
  deps.logger.info(
    {
      runId: run.id,
      workflowId: run.workflowId,
      orgId: run.orgId,
      nodeId: ended?.failedNodeId ?? null,
      error: ended?.errorMessage ?? null,
    },
    'run failed',
  );
}

/** Node log lines carry the run id and never a secret. */
function redactingLogger(base: NodeLogger, secrets: RunSecrets, runId: string): NodeLogger {
  const wrap = (level: keyof NodeLogger) => (obj: object, msg?: string) =>
    base[level](secrets.redact({ runId, ...obj }), msg === undefined ? undefined : secrets.redact(msg));
  return { info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

function failed(deps: ExecutorDeps, message: string, nodeId: string | null): RunPatch {
  return {
    status: 'failed',
    errorMessage: message,
    failedNodeId: nodeId,
    completedAt: deps.clock.now(),
    releaseLease: true,
  };
}

async function commitEnd(
  commits: RunCommits,
  log: LogRecord | LogRecord[] | null,
  patch: RunPatch,
): Promise<ExecutionOutcome> {
  if (!(await commits.commit(log, patch))) return 'lost';
  return patch.status === 'failed' ? 'failed' : 'completed';
}

async function createExecution(
  deps: ExecutorDeps,
  compiled: CompiledDefinition,
  run: RunRecord,
  commits: RunCommits,
  control: RunControl,
  logs: readonly LogRecord[],
  secrets: RunSecrets,
) {
  const { store, clock } = deps;
  const progress = progressFromLogs(run, logs);
  const state = cloneState(run.state);
  // The run timeout counts from the first claim, also for a run that never committed a step (a run
  // handed over directly, never claimed, was leased when it was created).
  const startedAt = run.startedAt ?? run.firstClaimedAt ?? (run.leaseOwner ? run.createdAt : clock.now());
  // Time spent waiting for people does not count towards the run's time limit.
  if (state.awaitingSince !== undefined) {
    state.awaitedMs = (state.awaitedMs ?? 0) + Math.max(0, clock.now() - state.awaitingSince);
    delete state.awaitingSince;
  }
  const interactions = createRunInteractions(
    { store, clock, publicUrl: deps.publicUrl ?? '' },
    run,
    compiled,
    state,
    secrets,
  );
  await interactions.load();
  // Large parts of the trigger payload are stored once, with the run: logs refer to them.
  const refs = refTargets(run.triggerPayload.payload);
  let seq = logs.reduce((max, l) => Math.max(max, l.seq), 0);
  // Aborted with the run, and alone to stop nodes still running when the run ends without them.
  const abort = control.cancellation.follower();
  const artifacts: ArtifactDeps = { ...deps.artifacts, store, clock };
  const identity = { orgId: run.orgId, runId: run.id, workflowId: run.workflowId };
  const runScope: RunScope = {
    runId: run.id,
    workflowId: run.workflowId,
    orgId: run.orgId,
    depth: run.depth,
    trigger: run.triggerPayload as unknown as TriggerInput,
    cancellation: abort,
    scope: Object.assign(
      nullRecord(),
      interactions.pendingScope((id) => progress.results.has(id)),
      buildScope(run, progress.results, compiled.triggerId),
      { vault: secrets.scope },
    ),
    secrets,
    trace: run.trace ?? null,
    runs: deps.subRuns(run),
    delegation: delegationFor(deps.delegatedAccess, secrets, (port) =>
      port.forWorkflow(run.orgId, run.workflowId),
    ),
    files: (nodeId) => runFilesPort(artifacts, identity, nodeId),
    links: shortLinksPort(artifacts, identity),
    logger: redactingLogger(deps.logger, secrets, run.id),
    ...(control.renderBudget ? { renderBudget: control.renderBudget } : {}),
    strictVariables: compiled.strictVariables,
  };
  const inflight = new Map<string, Promise<{ id: string; outcome: StepOutcome }>>();
  /**
   * Logs waiting for the run's next commit. A trigger's always does, and a pure node's does while the
   * nodes it makes ready are pure too: such nodes have no side effects and compute the same after a
   * crash, so committing each would only cost a transaction (docs/decisions/0026). Before any node that
   * acts on the outside world starts, everything computed so far is committed.
   */
  let deferred: LogRecord[] = [];
  const withDeferred = (entry: LogRecord | null): LogRecord | LogRecord[] | null => {
    if (deferred.length === 0) return entry;
    const logs = entry ? [...deferred, entry] : deferred;
    deferred = [];
    return logs;
  };
  const pure = (id: string) => compiled.components.get(id)?.pure === true;
  const mayDefer = (id: string, ready: readonly string[]) =>
    ready.length > 0 &&
    deferred.length < MAX_DEFERRED_LOGS &&
    // An unsaved run is stored before its first node that acts outside it, like any pure step.
    ((id === compiled.triggerId && commits.saved()) ||
      ((pure(id) || id === compiled.triggerId) && ready.every(pure)));

  function launch(id: string, waitedUntil: number | null) {
    const node = compiled.nodes.get(id);
    const component = compiled.components.get(id);
    if (!node || !component || control.releaseRequested()) return;
    progress.running.add(id);
    const attempt = (state.attempts[id] ?? 0) + 1;
    const memo = state.memos[id] ?? null;
    const linkUrl = interactions.linkUrl(id);
    const step = component.interactive
      ? interactions
          .outcome(id)
          .then((interaction) =>
            runNode(deps, runScope, { node, component, attempt, waitedUntil, memo, interaction, linkUrl }),
          )
      : runNode(deps, runScope, { node, component, attempt, waitedUntil, memo });
    inflight.set(
      id,
      step.then((outcome) => ({ id, outcome })),
    );
  }

  /**
   * Launches waits that are due; `checkMemos` also re-checks nodes waiting on something (a child run) or
   * someone (an answered interaction).
   */
  function launchDue(checkMemos = false) {
    const now = clock.now();
    for (const [id, until] of progress.waiting) {
      const recheck = checkMemos && (id in state.memos || interactions.answered(id));
      if (until > now && !recheck) continue;
      progress.waiting.delete(id);
      launch(id, id in state.waits ? until : null);
    }
  }

  function log(id: string, fields: LogFields): LogRecord {
    const componentId = compiled.components.get(id)?.componentId ?? null;
    if (fields.status === 'success') control.onSuccess?.(componentId, fields.output);
    const output = referTo(fields.output, refs);
    const safe = {
      ...fields,
      input: secrets.redact(inputReferringToOutput(referTo(fields.input, refs), output)),
      output: secrets.redact(output),
    };
    return {
      id: newId('log'),
      orgId: run.orgId,
      runId: run.id,
      workflowId: run.workflowId,
      seq: ++seq,
      nodeId: id,
      componentId,
      createdAt: clock.now(),
      ...safe,
    };
  }

  const end = (entry: LogRecord | null, patch: RunPatch) =>
    commitEnd(commits, withDeferred(entry), { ...patch, state });
  /**
   * A run handed over directly (still `pending`) records that it started with its first commit; a run
   * that waited for people (`awaiting_ui_interaction`) records that it runs again.
   */
  let unstarted = run.status === 'pending';
  let statusStale = run.status !== 'running';
  const withStart = (patch: RunPatch): RunPatch => {
    if (!statusStale) return patch;
    statusStale = false;
    const started = unstarted ? { startedAt } : {};
    unstarted = false;
    return { status: 'running', ...started, ...patch };
  };
  const step = async (entry: LogRecord | null, patch: RunPatch = {}): Promise<Step> =>
    (await commits.commit(withDeferred(entry), withStart(patch))) ? 'continue' : 'lost';
  const completed = (): RunPatch => ({ status: 'completed', completedAt: clock.now(), releaseLease: true });

  /** A final result: record it, then launch the successors it made ready (or end the run). */
  async function recordResult(id: string, fields: LogFields): Promise<Step> {
    if (fields.attempt > 1) state.attempts[id] = fields.attempt;
    delete state.waits[id];
    delete state.retries[id];
    delete state.memos[id];
    progress.results.set(id, { output: fields.output, handle: fields.handle });
    runScope.scope[id] = fields.output;
    if (id === compiled.triggerId && !compiled.nodes.has('trigger')) runScope.scope.trigger = fields.output;
    const ready = planSuccessors(compiled.graph, progress, compiled.triggerId, id);
    const entry = log(id, fields);
    if (ready.length === 0 && inflight.size === 0 && progress.waiting.size === 0) {
      return end(entry, completed());
    }
    if (mayDefer(id, ready)) {
      deferred.push(entry);
      for (const next of ready) launch(next, null);
      return 'continue';
    }
    const result = await step(entry);
    if (result === 'continue') for (const next of ready) launch(next, null);
    return result;
  }

  async function onError(id: string, outcome: Extract<StepOutcome, { kind: 'error' }>): Promise<Step> {
    const attempt = (state.attempts[id] ?? 0) + 1;
    state.attempts[id] = attempt;
    delete state.retries[id];
    // A retry starts over: what the failed attempt remembered (a child run it waited on) is dropped.
    delete state.memos[id];
    delete state.waits[id];
    const node = compiled.nodes.get(id);
    const output = { error: outcome.message, code: outcome.code, ...outcome.details };
    const fields: LogFields = {
      status: 'error',
      input: outcome.input,
      output,
      handle: null,
      attempt,
      durationMs: outcome.durationMs,
      ...(outcome.warnings ? { warnings: outcome.warnings } : {}),
    };
    const policy = retryPolicy(node?.data.retry);
    if (policy && attempt < policy.maxAttempts) {
      const until = clock.now() + policy.backoffMs * policy.factor ** (attempt - 1);
      state.retries[id] = until;
      progress.waiting.set(id, until);
      return step(log(id, fields), { state });
    }
    if (node?.data.continue_on_error === true) return recordResult(id, { ...fields, handle: 'error' });
    return end(log(id, fields), failed(deps, secrets.redact(outcome.message), id));
  }

  async function settle(id: string, outcome: StepOutcome): Promise<Step> {
    const attempt = (state.attempts[id] ?? 0) + 1;
    if (outcome.kind !== 'wait' && deps.telemetry) {
      const componentId = compiled.components.get(id)?.componentId ?? 'unknown';
      deps.telemetry.nodeFinished(componentId, outcome.kind === 'success', outcome.durationMs);
    }
    if (outcome.kind === 'wait') {
      const until = outcome.interaction ? await interactions.ask(id, outcome.interaction) : outcome.until;
      state.waits[id] = until;
      if (outcome.memo === null) delete state.memos[id];
      else state.memos[id] = outcome.memo;
      progress.waiting.set(id, until);
      return step(null, { state });
    }
    if (outcome.kind === 'error') return onError(id, outcome);
    const fields: LogFields = {
      status: 'success',
      input: outcome.input,
      output: outcome.output,
      handle: outcome.handle,
      attempt,
      durationMs: outcome.durationMs,
      ...(outcome.warnings ? { warnings: outcome.warnings } : {}),
    };
    if (!outcome.terminate) return recordResult(id, fields);
    const { status, message } = outcome.terminate;
    const patch =
      status === 'failed'
        ? failed(deps, secrets.redact(message ?? `Terminated by node '${id}'.`), id)
        : completed();
    return end(log(id, fields), patch);
  }

  /** Nothing to do until a wait ends: release the run, `awaiting_ui_interaction` if a person is asked. */
  async function park(): Promise<ExecutionOutcome> {
    const readyAt = Math.min(...progress.waiting.values());
    const awaiting = interactions.awaiting(progress.waiting.keys());
    if (awaiting) state.awaitingSince = clock.now();
    const patch: RunPatch = { readyAt, releaseLease: true, state };
    if (awaiting) patch.status = 'awaiting_ui_interaction';
    if ((await step(null, patch)) !== 'continue') return 'lost';
    if (awaiting && (await interactions.answeredWhileHeld(new Set(progress.waiting.keys())))) {
      await store.wakeRun(run.id, clock.now());
      deps.onRunReady?.();
    } else if (readyAt < NEVER) {
      control.onParked?.(readyAt);
    }
    return 'parked';
  }

  async function execute(): Promise<ExecutionOutcome> {
    for (const id of planFrontier(compiled.graph, progress, compiled.triggerId)) launch(id, null);
    launchDue(true);
    while (true) {
      if (control.cancellation.aborted) return 'lost';
      if (clock.now() - startedAt - (state.awaitedMs ?? 0) > deps.runTimeoutMs) {
        abort.abort();
        const message = `The run exceeded the maximum duration of ${deps.runTimeoutMs / 1000} seconds.`;
        return end(null, failed(deps, message, null));
      }
      if (inflight.size === 0) {
        if (control.releaseRequested()) {
          return (await step(null, { readyAt: clock.now(), releaseLease: true, state })) === 'continue'
            ? 'released'
            : 'lost';
        }
        if (progress.waiting.size === 0) return end(null, completed());
        return park();
      }
      const { id, outcome } = await Promise.race(inflight.values());
      inflight.delete(id);
      progress.running.delete(id);
      if (control.cancellation.aborted) return 'lost';
      const result = await settle(id, outcome);
      if (result !== 'continue') {
        if (inflight.size > 0) abort.abort(); // stop sibling branches still running
        return result;
      }
      launchDue();
    }
  }

  return { execute };
}
