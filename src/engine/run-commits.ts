import type { LogRecord, RunRecord } from '../domain/types.js';
import type { RunPatch, Store } from '../store/store.js';

/** The run as a step's patch leaves it: what `Store.commitStep` makes of its row. */
export function applyRunPatch(run: RunRecord, patch: RunPatch): RunRecord {
  const next: RunRecord = { ...run };
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.errorMessage !== undefined) next.errorMessage = patch.errorMessage;
  if (patch.failedNodeId !== undefined) next.failedNodeId = patch.failedNodeId;
  if (patch.startedAt !== undefined) next.startedAt = patch.startedAt;
  if (patch.completedAt !== undefined) next.completedAt = patch.completedAt;
  if (patch.readyAt !== undefined) next.readyAt = patch.readyAt;
  if (patch.state !== undefined) next.state = patch.state;
  if (patch.releaseLease) {
    next.leaseOwner = null;
    next.leaseExpiresAt = null;
  }
  return next;
}

export interface RunCommits {
  /** Commits a step (its logs and the run's patch); false when the run's lease was lost. */
  commit(logs: LogRecord | LogRecord[] | null, patch: RunPatch): Promise<boolean>;
  /** Whether the run is stored (always, except before an unsaved run's first commit). */
  saved(): boolean;
}

/**
 * How one execution commits its steps. A stored run commits under its lease. An unsaved run (the
 * synchronous API builds its run in memory) is inserted by its first commit, together with that step's
 * logs and patch: one transaction where there were two. The executor commits before any node that acts
 * outside the run starts, so such a node never runs for a run that is not stored.
 */
export function runCommits(store: Store, run: RunRecord, owner: string, unsaved: boolean): RunCommits {
  let stored = !unsaved;
  return {
    async commit(logs, patch) {
      if (stored) return store.commitStep(run.id, owner, logs, patch);
      await store.insertRunWithLogs(applyRunPatch(run, patch), logs === null ? [] : [logs].flat());
      stored = true;
      return true;
    },
    saved: () => stored,
  };
}
