import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRecord, workflowRecord } from '../../test/helpers/records.js';
import { describeOnEveryStore, type OpenStore } from '../../test/helpers/stores.js';
import { newId } from '../domain/ids.js';
import type { LogRecord, RunRecord, RunStatus, WorkflowRecord } from '../domain/types.js';
import type { Store } from './store.js';

/** Retention: the part of the Store contract added with migration 0009, on both stores. */
const T0 = Date.UTC(2030, 0, 1, 12);
const DAY = 86_400_000;

function log(r: RunRecord): LogRecord {
  return {
    id: newId('log'),
    orgId: r.orgId,
    runId: r.id,
    workflowId: r.workflowId,
    seq: 1,
    nodeId: 'n1',
    componentId: 'manual_trigger',
    status: 'success',
    input: {},
    output: { ok: true },
    handle: null,
    attempt: 1,
    durationMs: 1,
    createdAt: r.createdAt,
  };
}

function describeRetentionContract(name: string, open: OpenStore) {
  describe(`${name}: retention`, () => {
    let store: Store;
    let close: () => Promise<void>;
    let w: WorkflowRecord;
    beforeEach(async () => {
      ({ store, close } = await open());
      w = workflowRecord(T0);
      await store.createWorkflow(w);
    });
    afterEach(() => close());

    /** A run that ended (or not, for unfinished statuses) `daysAgo` days before T0, with its rows. */
    async function oldRun(status: RunStatus, daysAgo: number, overrides: Partial<RunRecord> = {}) {
      const at = T0 - daysAgo * DAY;
      const finished = status === 'completed' || status === 'failed';
      const r = runRecord(w, at, overrides);
      await store.createRun(r, { key: `key-${r.id}`, notBefore: 0 });
      // Earlier unfinished runs are parked far ahead, so this claim takes the new run.
      const [claimed] = await store.claimRuns('w', at, 60_000, 1);
      expect(claimed?.id).toBe(r.id);
      const patch = { status, completedAt: finished ? at : null, readyAt: T0 + 1000 * DAY };
      await store.commitStep(r.id, 'w', log(r), { ...patch, releaseLease: true });
      await store.saveRunFile(
        {
          id: newId('runFile'),
          orgId: r.orgId,
          runId: r.id,
          workflowId: r.workflowId,
          nodeId: 'n1',
          name: 'a.txt',
          contentType: 'text/plain',
          size: 2,
          createdAt: at,
        },
        Buffer.from('hi'),
      );
      await store.createInteraction({
        id: newId('interaction'),
        orgId: r.orgId,
        runId: r.id,
        workflowId: r.workflowId,
        nodeId: 'form',
        status: 'pending',
        form: { title: 'Approve?' },
        assignee: null,
        linkHash: null,
        url: null,
        createdAt: at,
        expiresAt: null,
        answer: null,
        answeredBy: null,
        answeredAt: null,
      });
      return r;
    }

    async function exists(r: RunRecord) {
      const run = await store.getRun(r.orgId, r.id);
      const rows = {
        logs: (await store.listRunLogs(r.id)).length,
        files: (await store.listRunFiles(r.orgId, r.id)).length,
        interactions: (await store.listRunInteractions(r.id)).length,
        key: (await store.getRunByIdempotencyKey(r.orgId, `key-${r.id}`)) !== null,
      };
      return { run: run !== null, ...rows };
    }

    it('deletes finished runs older than the cut-off with everything tied to them, oldest first', async () => {
      const oldest = await oldRun('completed', 100);
      const older = await oldRun('failed', 95);
      const recent = await oldRun('completed', 10);
      const stillRunning = await oldRun('running', 200);
      const waiting = await oldRun('awaiting_ui_interaction', 200);

      expect(await store.deleteFinishedRuns(T0 - 90 * DAY, 1)).toBe(1);
      expect((await exists(oldest)).run).toBe(false);
      expect((await exists(older)).run).toBe(true);
      expect(await store.deleteFinishedRuns(T0 - 90 * DAY, 10)).toBe(1);
      expect(await store.deleteFinishedRuns(T0 - 90 * DAY, 10)).toBe(0);

      for (const gone of [oldest, older]) {
        expect(await exists(gone)).toEqual({ run: false, logs: 0, files: 0, interactions: 0, key: false });
      }
      for (const kept of [recent, stillRunning, waiting]) {
        expect(await exists(kept)).toMatchObject({ run: true, files: 1, interactions: 1, key: true });
      }
      expect((await exists(recent)).logs).toBe(1);
    });

    it('keeps an old finished child while its parent is unfinished', async () => {
      const parent = await oldRun('running', 200);
      const child = await oldRun('completed', 150, { parentRunId: parent.id, depth: 1 });
      const orphanParent = await oldRun('completed', 150);
      const orphanChild = await oldRun('completed', 150, { parentRunId: orphanParent.id, depth: 1 });
      expect(await store.deleteFinishedRuns(T0 - 90 * DAY, 10)).toBe(2);
      expect((await exists(child)).run).toBe(true);
      expect((await exists(orphanChild)).run).toBe(false);
    });

    it('reclaimSpace answers with the pages released (none to release in a fresh store)', async () => {
      expect(await store.reclaimSpace()).toBe(0);
    });
  });
}

describeOnEveryStore(describeRetentionContract, 'stratoflow-retention-');
