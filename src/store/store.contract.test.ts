import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresAdminUrl, useTestDatabase } from '../../test/helpers/postgres.js';
import { runRecord, workflowRecord } from '../../test/helpers/records.js';
import { newId } from '../domain/ids.js';
import { NEVER } from '../domain/interactions.js';
import {
  emptyRunState,
  type LogRecord,
  type RunRecord,
  type RunStatus,
  type WorkflowRecord,
} from '../domain/types.js';
import type { AuthorizationRecord, SealedValue, VaultItemRecord } from '../domain/vault.js';
import { openPostgresStore } from './postgres/open-postgres-store.js';
import { toPostgresPlaceholders } from './postgres/placeholders.js';
import type { SqlValue } from './sql/db.js';
import { openSqliteStore } from './sqlite/open-sqlite-store.js';
import type { Store } from './store.js';

/**
 * The behavioural contract every Store implementation passes: the same tests run against SQLite and
 * PostgreSQL. Each test gets an empty store. `execute` writes through a separate connection, for rows the
 * Store has no method to create (authorizations).
 */
interface Harness {
  store: Store;
  execute(sql: string, params?: SqlValue[]): Promise<void>;
  close(): Promise<void>;
}

// Factories ----------------------------------------------------------------------------------------

const T0 = Date.UTC(2025, 9, 31, 12); // epoch ms; every time in these tests is T0 + something
const ORG = 'org_a';
const OTHER_ORG = 'org_b';

function definition(label: string): WorkflowRecord['definition'] {
  return {
    nodes: [
      { id: 'n1', type: 'trigger', position: { x: 0, y: 0 }, data: { componentId: 'manual_trigger', label } },
    ],
    edges: [],
  };
}

function workflow(overrides: Partial<WorkflowRecord> = {}): WorkflowRecord {
  return workflowRecord(T0, { orgId: ORG, definition: definition('v1'), ...overrides });
}

function run(w: WorkflowRecord, overrides: Partial<RunRecord> = {}): RunRecord {
  return runRecord(w, T0, overrides);
}

function log(r: RunRecord, seq: number, overrides: Partial<LogRecord> = {}): LogRecord {
  return {
    id: newId('log'),
    orgId: r.orgId,
    runId: r.id,
    workflowId: r.workflowId,
    seq,
    nodeId: `n${seq}`,
    componentId: 'http_request',
    status: 'success',
    input: { seq },
    output: { ok: true, items: [1, 'two', null] },
    handle: null,
    attempt: 1,
    durationMs: 12.5,
    createdAt: T0 + seq,
    ...overrides,
  };
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

function sealed(keyId: string): SealedValue {
  return { ciphertext: 'Y2lwaGVy', iv: 'aXY=', tag: 'dGFn', wrappedKey: 'd3JhcHBlZA==', keyId };
}

function vaultItem(overrides: Partial<VaultItemRecord> = {}): VaultItemRecord {
  return {
    id: newId('vault'),
    orgId: ORG,
    name: 'item',
    sealed: sealed('k1'),
    expiresAt: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function authorization(overrides: Partial<AuthorizationRecord> = {}): AuthorizationRecord {
  return {
    id: newId('authorization'),
    orgId: ORG,
    userId: null,
    email: null,
    provider: 'stratoflow',
    status: 'pending',
    sealedToken: null,
    confirmTokenHash: 'f'.repeat(64),
    createdAt: T0,
    ...overrides,
  };
}

// The contract -------------------------------------------------------------------------------------

function describeStoreContract(name: string, open: () => Promise<Harness>) {
  describe(`${name}: Store contract`, () => {
    let h: Harness;
    let store: Store;
    beforeEach(async () => {
      h = await open();
      store = h.store;
    });
    afterEach(() => h.close());

    /** A workflow saved in the store, and a run of it (created, not claimed). */
    async function savedWorkflow(overrides: Partial<WorkflowRecord> = {}) {
      const w = workflow(overrides);
      await store.createWorkflow(w);
      return w;
    }
    async function savedRun(w: WorkflowRecord, overrides: Partial<RunRecord> = {}) {
      const r = run(w, overrides);
      await store.createRun(r);
      return r;
    }
    /** A run claimed by `owner` at T0 with a 1 s lease. */
    async function claimedRun(w: WorkflowRecord, owner = 'worker-a') {
      const r = await savedRun(w);
      const [claimed] = await store.claimRuns(owner, T0, 1000, 1);
      expect(claimed?.id).toBe(r.id);
      return claimed!;
    }

    it('is ready once opened', async () => {
      expect(await store.ready()).toBe(true);
    });

    describe('workflows', () => {
      it('round-trips every field of a workflow', async () => {
        const w = await savedWorkflow({
          description: 'Copies orders',
          authorizationId: 'auth_01',
          scheduleType: 'cron',
          scheduleValue: '0 3 * * *',
          scheduleTimezone: 'Europe/Paris',
          nextRunAt: T0 + 86_400_000,
          webhookTokenHash: 'a1'.repeat(32),
          webhookTokenHint: 'trip',
          isActive: false,
        });
        expect(await store.getWorkflow(ORG, w.id)).toEqual(w);
        const { definition: _definition, ...head } = w;
        expect(await store.getWorkflowHead(ORG, w.id)).toEqual(head);
      });

      it('lists the org’s workflows newest first', async () => {
        const older = await savedWorkflow({ createdAt: T0 });
        const newer = await savedWorkflow({ createdAt: T0 + 1 });
        await savedWorkflow({ orgId: OTHER_ORG });
        expect(ids(await store.listWorkflows(ORG))).toEqual([newer.id, older.id]);
      });

      it('keeps the old version readable when an update makes a new version', async () => {
        const w = await savedWorkflow();
        const updated = {
          ...w,
          versionId: newId('version'),
          definition: definition('v2'),
          updatedAt: T0 + 5,
        };
        await store.updateWorkflow(updated, true);
        expect(await store.getWorkflow(ORG, w.id)).toEqual(updated);
        expect(await store.getVersion(w.versionId)).toEqual(definition('v1'));
        expect(await store.getVersion(updated.versionId)).toEqual(definition('v2'));
      });

      it('updates fields in place without a new version', async () => {
        const w = await savedWorkflow();
        await store.updateWorkflow({ ...w, name: 'Renamed', isActive: false, updatedAt: T0 + 9 }, false);
        const saved = await store.getWorkflow(ORG, w.id);
        expect(saved).toMatchObject({
          name: 'Renamed',
          isActive: false,
          updatedAt: T0 + 9,
          versionId: w.versionId,
        });
      });

      it('hides a workflow from another org', async () => {
        const w = await savedWorkflow();
        expect(await store.getWorkflow(OTHER_ORG, w.id)).toBeNull();
        expect(await store.getWorkflowHead(OTHER_ORG, w.id)).toBeNull();
        expect(await store.listWorkflows(OTHER_ORG)).toEqual([]);
        expect(await store.deleteWorkflow(OTHER_ORG, w.id)).toBe(false);
        expect(await store.getWorkflow(ORG, w.id)).not.toBeNull();
      });

      it('finds a workflow by the hash of its webhook token', async () => {
        const w = await savedWorkflow({ webhookTokenHash: 'hash-findme', webhookTokenHint: 'ndme' });
        await savedWorkflow({ webhookTokenHash: 'hash-other', webhookTokenHint: 'ther' });
        expect((await store.findWorkflowByWebhookHash('hash-findme'))?.id).toBe(w.id);
        expect(await store.findWorkflowByWebhookHash('hash-unknown')).toBeNull();
      });

      it('answers null for an unknown version', async () => {
        expect(await store.getVersion(newId('version'))).toBeNull();
      });

      it('deletes a workflow with its versions, runs, logs and idempotency keys', async () => {
        const w = await savedWorkflow();
        const kept = await savedWorkflow();
        const keptRun = await savedRun(kept, { readyAt: T0 + 60_000 }); // not claimable below
        const { run: r } = await store.createRun(run(w), { key: 'order-1', notBefore: 0 });
        const [claimed] = await store.claimRuns('worker-a', T0, 1000, 10);
        expect(claimed?.id).toBe(r.id);
        await store.commitStep(r.id, 'worker-a', log(r, 0), {});

        expect(await store.deleteWorkflow(ORG, w.id)).toBe(true);
        expect(await store.getWorkflow(ORG, w.id)).toBeNull();
        expect(await store.getVersion(w.versionId)).toBeNull();
        expect(await store.getRun(ORG, r.id)).toBeNull();
        expect(await store.listRunLogs(r.id)).toEqual([]);
        expect((await store.listRuns(ORG, w.id, { page: 1, perPage: 10 })).total).toBe(0);
        const again = await store.createRun(run(kept), { key: 'order-1', notBefore: 0 });
        expect(again.created).toBe(true);
        expect(await store.getRun(ORG, keptRun.id)).not.toBeNull();
        expect(await store.deleteWorkflow(ORG, w.id)).toBe(false);
      });
    });

    describe('runs', () => {
      it('creates a run and reads it back whole', async () => {
        const w = await savedWorkflow();
        const r = run(w, {
          origin: 'webhook',
          triggerPayload: { order: { id: 7, lines: ['a', 'b'] }, note: 'é ✓' },
          inherited: { n1: { output: { x: 1 }, handle: 'true' } },
          state: {
            ...emptyRunState(),
            waits: { n2: T0 + 60_000 },
            retries: { n3: T0 + 5 },
            attempts: { n3: 2 },
            memos: {},
          },
          originalRunId: newId('run'),
          resumedFromNodeId: 'n1',
          parentRunId: newId('run'),
          depth: 2,
          readyAt: T0 + 123,
        });
        expect(await store.createRun(r)).toEqual({ run: r, created: true });
        expect(await store.getRun(ORG, r.id)).toEqual(r);
        expect(await store.getRun(OTHER_ORG, r.id)).toBeNull();
      });

      it('inserts a run executed before it was stored together with its first logs', async () => {
        const w = await savedWorkflow();
        const r = run(w, { status: 'completed', startedAt: T0, completedAt: T0 + 5, leaseOwner: null });
        await store.insertRunWithLogs(r, [log(r, 1, { nodeId: 'n1' }), log(r, 2, { nodeId: 'n2' })]);
        expect(await store.getRun(ORG, r.id)).toEqual(r);
        expect((await store.listRunLogs(r.id)).map((l) => [l.seq, l.nodeId])).toEqual([
          [1, 'n1'],
          [2, 'n2'],
        ]);
        // All or nothing: a second insert of the same run fails and leaves the first untouched.
        await expect(store.insertRunWithLogs(r, [log(r, 3)])).rejects.toThrow();
        expect(await store.listRunLogs(r.id)).toHaveLength(2);
      });

      it('returns the first run for a repeated idempotency key', async () => {
        const w = await savedWorkflow();
        const first = await store.createRun(run(w), { key: 'k1', notBefore: T0 - 1000 });
        const second = await store.createRun(run(w, { createdAt: T0 + 1 }), {
          key: 'k1',
          notBefore: T0 - 1000,
        });
        expect(first.created).toBe(true);
        expect(second).toEqual({ run: first.run, created: false });
        expect((await store.listRuns(ORG, w.id, { page: 1, perPage: 10 })).total).toBe(1);
      });

      it('scopes idempotency keys by org', async () => {
        const w = await savedWorkflow();
        const other = await savedWorkflow({ orgId: OTHER_ORG });
        await store.createRun(run(w), { key: 'shared', notBefore: 0 });
        const theirs = await store.createRun(run(other), { key: 'shared', notBefore: 0 });
        expect(theirs.created).toBe(true);
      });

      it('makes a new run once the key has expired, and the key then points to it', async () => {
        const w = await savedWorkflow();
        await store.createRun(run(w, { createdAt: T0 }), { key: 'k1', notBefore: T0 - 10 });
        const renewed = await store.createRun(run(w, { createdAt: T0 + 100 }), {
          key: 'k1',
          notBefore: T0 + 1,
        });
        expect(renewed.created).toBe(true);
        const repeat = await store.createRun(run(w, { createdAt: T0 + 200 }), {
          key: 'k1',
          notBefore: T0 + 1,
        });
        expect(repeat).toEqual({ run: renewed.run, created: false });
        expect((await store.listRuns(ORG, w.id, { page: 1, perPage: 10 })).total).toBe(2);
      });

      it('creates exactly one run for concurrent calls with one key', async () => {
        const w = await savedWorkflow();
        for (const key of ['race-1', 'race-2', 'race-3', 'race-4', 'race-5']) {
          const results = await Promise.all(
            Array.from({ length: 10 }, () => store.createRun(run(w), { key, notBefore: 0 })),
          );
          expect(results.filter((r) => r.created)).toHaveLength(1);
          expect(new Set(results.map((r) => r.run.id)).size).toBe(1);
        }
        expect((await store.listRuns(ORG, w.id, { page: 1, perPage: 20 })).total).toBe(5);
      });

      it('pages runs newest first, ties broken by id', async () => {
        const w = await savedWorkflow();
        const other = await savedWorkflow();
        await savedRun(other, { createdAt: T0 + 99 });
        const made: RunRecord[] = [];
        for (const offset of [0, 1, 2, 2, 3]) made.push(await savedRun(w, { createdAt: T0 + offset }));
        const [r0, r1, r2a, r2b, r3] = made;
        const page = (n: number) => store.listRuns(ORG, w.id, { page: n, perPage: 2 });
        expect(await page(1)).toEqual({ rows: [r3, r2b], total: 5 });
        expect(ids((await page(2)).rows)).toEqual([r2a!.id, r1!.id]);
        expect(ids((await page(3)).rows)).toEqual([r0!.id]);
        expect(await page(4)).toEqual({ rows: [], total: 5 });
        expect((await store.listRuns(OTHER_ORG, w.id, { page: 1, perPage: 2 })).total).toBe(0);
      });

      it('finds the org’s runs across workflows, filtered by workflow and status, newest first', async () => {
        const w = await savedWorkflow();
        const other = await savedWorkflow();
        const a = await savedRun(w, { status: 'failed', createdAt: T0 });
        const b = await savedRun(other, { status: 'completed', createdAt: T0 + 1 });
        const c = await savedRun(w, { status: 'completed', createdAt: T0 + 2 });
        await savedRun(await savedWorkflow({ orgId: OTHER_ORG }), { createdAt: T0 + 3 });
        const all = await store.findRuns(ORG, {}, { page: 1, perPage: 10 });
        expect(all.total).toBe(3);
        expect(ids(all.rows)).toEqual([c.id, b.id, a.id]);
        expect(ids((await store.findRuns(ORG, {}, { page: 2, perPage: 2 })).rows)).toEqual([a.id]);
        const completed = await store.findRuns(ORG, { status: 'completed' }, { page: 1, perPage: 10 });
        expect(ids(completed.rows)).toEqual([c.id, b.id]);
        const both = await store.findRuns(
          ORG,
          { workflowId: w.id, status: 'completed' },
          { page: 1, perPage: 10 },
        );
        expect(both).toEqual({ rows: [c], total: 1 });
        const page = { page: 1, perPage: 10 };
        expect(await store.findRuns(ORG, { status: 'failed' }, page)).toEqual({ rows: [a], total: 1 });
        expect(await store.findRuns(ORG, { workflowId: w.id, status: 'failed' }, page)).toEqual({
          rows: [a],
          total: 1,
        });
        expect(await store.findRuns(ORG, { workflowId: other.id, status: 'failed' }, page)).toEqual({
          rows: [],
          total: 0,
        });
        expect((await store.findRuns(OTHER_ORG, { workflowId: w.id }, { page: 1, perPage: 10 })).total).toBe(
          0,
        );
      });

      it('counts runs by status', async () => {
        const w = await savedWorkflow();
        const statuses: [RunStatus, number][] = [
          ['completed', T0],
          ['completed', T0 + 10],
          ['failed', T0 + 10],
          ['pending', T0 + 20],
        ];
        for (const [status, createdAt] of statuses) await savedRun(w, { status, createdAt });
        await savedRun(await savedWorkflow(), { status: 'failed' });
        expect(await store.countRunsByStatus(ORG, w.id)).toEqual({ completed: 2, failed: 1, pending: 1 });
        expect(await store.countRunsByStatus(OTHER_ORG, w.id)).toEqual({});
      });

      it('keeps its run and log counts through status changes and the retention sweep', async () => {
        const w = await savedWorkflow();
        const day = Math.floor(T0 / 86_400_000);
        const perDay = () => store.countRunsPerDay(ORG, T0, w.id);
        const r = await claimedRun(w);
        expect(await store.countRunsByStatus(ORG, w.id)).toEqual({ pending: 1 });

        await store.commitStep(r.id, 'worker-a', [log(r, 0), log(r, 1, { status: 'error' })], {
          status: 'running',
        });
        expect(await store.countRunsByStatus(ORG, w.id)).toEqual({ running: 1 });
        expect(await store.countLogsByStatus(ORG, w.id)).toEqual({ success: 1, error: 1 });

        const done = { status: 'completed', completedAt: T0 + 5, releaseLease: true } as const;
        await store.commitStep(r.id, 'worker-a', log(r, 2), done);
        expect(await store.countRunsByStatus(ORG, w.id)).toEqual({ completed: 1 });
        expect(await store.countLogsByStatus(ORG, w.id)).toEqual({ success: 2, error: 1 });
        expect(await perDay()).toEqual([{ workflowId: w.id, day, status: 'completed', count: 1 }]);

        expect(await store.deleteFinishedRuns(T0 + 1000, 10)).toBe(1);
        expect(await store.countRunsByStatus(ORG, w.id)).toEqual({});
        expect(await store.countLogsByStatus(ORG, w.id)).toEqual({});
        expect(await perDay()).toEqual([]);
      });

      it('counts runs per workflow, UTC day and status, and lists the latest failures', async () => {
        const day = 86_400_000;
        const a = await savedWorkflow();
        const b = await savedWorkflow();
        await savedRun(a, { status: 'completed', createdAt: T0 - 3 * day });
        await savedRun(a, { status: 'completed', createdAt: T0 });
        await savedRun(a, { status: 'completed', createdAt: T0 + 1 });
        const older = await savedRun(a, { status: 'failed', createdAt: T0 + 2 });
        const newer = await savedRun(b, { status: 'failed', createdAt: T0 + day });
        const today = Math.floor(T0 / day);
        const sorted = (rows: Awaited<ReturnType<typeof store.countRunsPerDay>>) =>
          [...rows].sort(
            (x, y) =>
              x.day - y.day || x.status.localeCompare(y.status) || x.workflowId.localeCompare(y.workflowId),
          );
        expect(sorted(await store.countRunsPerDay(ORG, T0 - day))).toEqual(
          sorted([
            { workflowId: a.id, day: today, status: 'completed', count: 2 },
            { workflowId: a.id, day: today, status: 'failed', count: 1 },
            { workflowId: b.id, day: today + 1, status: 'failed', count: 1 },
          ]),
        );
        expect(await store.countRunsPerDay(ORG, T0 - day, b.id)).toEqual([
          { workflowId: b.id, day: today + 1, status: 'failed', count: 1 },
        ]);
        expect(await store.countRunsPerDay(OTHER_ORG, 0)).toEqual([]);
        expect((await store.recentFailedRuns(ORG, 10)).map((r) => r.id)).toEqual([newer.id, older.id]);
        expect((await store.recentFailedRuns(ORG, 1)).map((r) => r.id)).toEqual([newer.id]);
        expect(await store.recentFailedRuns(OTHER_ORG, 10)).toEqual([]);
        const latest = await store.latestRuns(ORG);
        expect(latest.find((r) => r.workflowId === a.id)?.id).toBe(older.id);
        expect(latest.find((r) => r.workflowId === b.id)?.id).toBe(newer.id);
        expect(await store.latestRuns(OTHER_ORG)).toEqual([]);
      });
    });

    describe('claims and leases', () => {
      it('claims only ready runs, changing nothing but the lease', async () => {
        const w = await savedWorkflow();
        const ready = await savedRun(w, { readyAt: T0 - 5 });
        const dueNow = await savedRun(w, { readyAt: T0 });
        await savedRun(w, { readyAt: T0 + 1 });
        for (const status of ['completed', 'failed'] as const) {
          await savedRun(w, { status, readyAt: T0 - 100 });
        }
        // Waiting for a person with no timeout: never ready on its own (an answer wakes it).
        await savedRun(w, { status: 'awaiting_ui_interaction', readyAt: NEVER });
        const claimed = await store.claimRuns('worker-a', T0, 30_000, 10);
        expect(ids(claimed).sort()).toEqual([ready.id, dueNow.id].sort());
        for (const r of claimed) {
          expect(r).toMatchObject({
            status: 'pending',
            startedAt: null,
            leaseOwner: 'worker-a',
            leaseExpiresAt: T0 + 30_000,
          });
          expect(await store.getRun(ORG, r.id)).toEqual(r);
        }
      });

      it('names the owner a claim took an expired lease from, and nobody for a free run', async () => {
        const w = await savedWorkflow();
        const free = await savedRun(w, { readyAt: T0 - 1 });
        const [first] = await store.claimRuns('worker-a', T0, 1000, 10);
        expect(first?.id).toBe(free.id);
        expect(first?.leaseTakenFrom).toBeUndefined();
        const [taken] = await store.claimRuns('worker-b', T0 + 1001, 1000, 10);
        expect(taken).toMatchObject({ id: free.id, leaseOwner: 'worker-b', leaseTakenFrom: 'worker-a' });
        await store.commitStep(free.id, 'worker-b', null, { releaseLease: true, readyAt: T0 + 1002 });
        const [again] = await store.claimRuns('worker-c', T0 + 1003, 1000, 10);
        expect(again?.leaseOwner).toBe('worker-c');
        expect(again?.leaseTakenFrom).toBeUndefined();
      });

      it("keeps a run's trace context and counts the ready queue", async () => {
        const w = await savedWorkflow();
        const trace = { traceId: 'a'.repeat(32), parentSpanId: 'b'.repeat(16), traceState: 'k=v' };
        const traced = await savedRun(w, { trace, readyAt: T0 - 10 });
        expect((await store.getRun(ORG, traced.id))?.trace).toEqual(trace);
        const fresh = { traceId: 'c'.repeat(32), parentSpanId: null, traceState: null };
        const other = await savedRun(w, { trace: fresh, readyAt: T0 - 5 });
        expect((await store.getRun(ORG, other.id))?.trace).toEqual(fresh);
        await savedRun(w, { readyAt: T0 + 100 }); // not due yet
        await savedRun(w, { status: 'completed', readyAt: T0 - 100 });
        expect(await store.readyQueue(T0)).toEqual({ depth: 2, oldestReadyAt: T0 - 10 });
        await store.claimRuns('worker-a', T0, 1000, 1);
        expect(await store.readyQueue(T0)).toEqual({ depth: 1, oldestReadyAt: T0 - 5 });
        // An expired lease puts the run back in the queue.
        expect(await store.readyQueue(T0 + 1001)).toEqual({ depth: 3, oldestReadyAt: T0 - 10 });
      });

      it('respects the limit and takes the earliest ready runs (in no particular order)', async () => {
        const w = await savedWorkflow();
        const late = await savedRun(w, { readyAt: T0 - 1 });
        const early = await savedRun(w, { readyAt: T0 - 3 });
        const middle = await savedRun(w, { readyAt: T0 - 2 });
        const first = await store.claimRuns('worker-a', T0, 1000, 2);
        expect(ids(first).sort()).toEqual([early.id, middle.id].sort());
        expect(ids(await store.claimRuns('worker-a', T0, 1000, 2))).toEqual([late.id]);
      });

      it('does not hand out a held lease until it expires, then another owner takes over', async () => {
        const w = await savedWorkflow();
        const claimed = await claimedRun(w, 'worker-a');
        expect(await store.claimRuns('worker-b', T0 + 999, 1000, 10)).toEqual([]);
        const [taken] = await store.claimRuns('worker-b', T0 + 1001, 1000, 10);
        expect(taken).toMatchObject({
          id: claimed.id,
          status: claimed.status,
          startedAt: claimed.startedAt,
          leaseOwner: 'worker-b',
          leaseExpiresAt: T0 + 2001,
        });
        expect(await store.commitStep(claimed.id, 'worker-a', null, { status: 'completed' })).toBe(false);
      });

      it('never gives one run to two concurrent claimers', async () => {
        const w = await savedWorkflow();
        for (let i = 0; i < 50; i++) await savedRun(w, { readyAt: T0 - i });
        const batches = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.claimRuns(`worker-${i}`, T0, 60_000, 5)),
        );
        const claimed = batches.flat();
        expect(new Set(ids(claimed)).size).toBe(claimed.length);
        for (const [i, batch] of batches.entries()) {
          for (const r of batch) expect((await store.getRun(ORG, r.id))?.leaseOwner).toBe(`worker-${i}`);
        }
        const rest = await store.claimRuns('worker-late', T0, 60_000, 100);
        expect(new Set([...ids(claimed), ...ids(rest)]).size).toBe(50);
      });

      it('heartbeat extends held leases and returns the ids no longer held', async () => {
        const w = await savedWorkflow();
        const kept = await claimedRun(w, 'worker-a');
        const lost = await claimedRun(w, 'worker-a');
        await store.commitStep(lost.id, 'worker-a', null, { releaseLease: true });
        const unknown = newId('run');
        expect(await store.heartbeat('worker-a', [kept.id, lost.id, unknown], T0 + 50_000)).toEqual([
          lost.id,
          unknown,
        ]);
        expect((await store.getRun(ORG, kept.id))?.leaseExpiresAt).toBe(T0 + 50_000);
        expect(await store.heartbeat('worker-a', [], T0 + 60_000)).toEqual([]);
        expect(await store.heartbeat('worker-b', [kept.id], T0 + 60_000)).toEqual([kept.id]);
      });

      it('releases every lease at once', async () => {
        const w = await savedWorkflow();
        const a = await claimedRun(w, 'worker-a');
        const b = await claimedRun(w, 'worker-b');
        await savedRun(w, { readyAt: T0 + 10 });
        expect(await store.releaseAllLeases()).toBe(2);
        for (const r of [a, b]) {
          expect(await store.getRun(ORG, r.id)).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
        }
        expect(ids(await store.claimRuns('worker-c', T0, 1000, 10)).sort()).toEqual([a.id, b.id].sort());
      });

      it('reports the earliest ready time of a parked, unleased run', async () => {
        expect(await store.nextReadyAt()).toBeNull();
        const w = await savedWorkflow();
        await claimedRun(w); // leased: not parked
        await savedRun(w, { readyAt: T0 + 500 });
        await savedRun(w, { readyAt: T0 + 300 });
        await savedRun(w, { status: 'completed', readyAt: T0 + 100 });
        expect(await store.nextReadyAt()).toBe(T0 + 300);
      });
    });

    describe('committing steps', () => {
      it('writes the log and the run patch together', async () => {
        const w = await savedWorkflow();
        const r = await claimedRun(w);
        const state = { ...emptyRunState(), waits: { n2: T0 + 9000 }, attempts: { n1: 1 } };
        const entry = log(r, 0, { handle: 'true', status: 'warning' });
        expect(await store.commitStep(r.id, 'worker-a', entry, { state, errorMessage: null })).toBe(true);
        expect(await store.listRunLogs(r.id)).toEqual([entry]);
        expect((await store.getRun(ORG, r.id))?.state).toEqual(state);
      });

      it('keeps a log’s warnings, several logs in one commit too', async () => {
        const w = await savedWorkflow();
        const r = await claimedRun(w);
        const warned = log(r, 0, { warnings: ['n1.body is undefined', 'p.price is undefined'] });
        const plain = log(r, 1);
        expect(await store.commitStep(r.id, 'worker-a', [warned, plain], {})).toBe(true);
        expect(await store.listRunLogs(r.id)).toEqual([warned, plain]);
        expect((await store.listRunLogs(r.id))[1]).not.toHaveProperty('warnings');
      });

      it('finishes a run', async () => {
        const w = await savedWorkflow();
        const r = await claimedRun(w);
        const patch = {
          status: 'failed',
          errorMessage: 'Webhook request failed: 503 Service Unavailable',
          failedNodeId: 'n1',
          completedAt: T0 + 70,
          releaseLease: true,
        } as const;
        expect(await store.commitStep(r.id, 'worker-a', log(r, 0, { status: 'error' }), patch)).toBe(true);
        expect(await store.getRun(ORG, r.id)).toMatchObject({
          status: 'failed',
          errorMessage: patch.errorMessage,
          failedNodeId: 'n1',
          completedAt: T0 + 70,
          leaseOwner: null,
          leaseExpiresAt: null,
        });
      });

      it('writes nothing for an owner that does not hold the lease', async () => {
        const w = await savedWorkflow();
        const r = await claimedRun(w, 'worker-a');
        expect(await store.commitStep(r.id, 'worker-b', log(r, 0), { status: 'completed' })).toBe(false);
        expect(await store.commitStep(r.id, 'worker-b', log(r, 1), {})).toBe(false);
        expect(await store.listRunLogs(r.id)).toEqual([]);
        expect(await store.getRun(ORG, r.id)).toEqual(r);
      });

      it('rolls back the run patch when the log cannot be written', async () => {
        const w = await savedWorkflow();
        const r = await claimedRun(w);
        await store.commitStep(r.id, 'worker-a', log(r, 0), {});
        const duplicateSeq = log(r, 0);
        await expect(
          store.commitStep(r.id, 'worker-a', duplicateSeq, { status: 'completed' }),
        ).rejects.toThrow();
        expect((await store.getRun(ORG, r.id))?.status).toBe(r.status);
        expect(ids(await store.listRunLogs(r.id))).toHaveLength(1);
      });

      it('releasing the lease parks the run until its ready time', async () => {
        const w = await savedWorkflow();
        const r = await claimedRun(w, 'worker-a');
        expect(
          await store.commitStep(r.id, 'worker-a', null, { releaseLease: true, readyAt: T0 + 5000 }),
        ).toBe(true);
        expect(await store.getRun(ORG, r.id)).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
        expect(await store.nextReadyAt()).toBe(T0 + 5000);
        expect(await store.claimRuns('worker-b', T0 + 4999, 1000, 10)).toEqual([]);
        expect(ids(await store.claimRuns('worker-b', T0 + 5000, 1000, 10))).toEqual([r.id]);
      });

      it('lists a run’s logs in sequence order', async () => {
        const w = await savedWorkflow();
        const r = await claimedRun(w);
        for (const seq of [2, 0, 1])
          await store.commitStep(r.id, 'worker-a', log(r, seq, { createdAt: T0 }), {});
        expect((await store.listRunLogs(r.id)).map((l) => l.seq)).toEqual([0, 1, 2]);
      });

      it('lists only the logs committed after a sequence number', async () => {
        const w = await savedWorkflow();
        const r = await claimedRun(w);
        for (const seq of [0, 1, 2])
          await store.commitStep(r.id, 'worker-a', log(r, seq, { createdAt: T0 }), {});
        expect((await store.listRunLogs(r.id, 0)).map((l) => l.seq)).toEqual([1, 2]);
        expect(await store.listRunLogs(r.id, 2)).toEqual([]);
      });
    });

    describe('logs', () => {
      /** Two runs of one workflow with three logs each, plus noise in another workflow and org. */
      async function loggedWorkflow() {
        const w = await savedWorkflow();
        const runs = [await claimedRun(w), await claimedRun(w)];
        const logs: LogRecord[] = [];
        for (const [i, r] of runs.entries()) {
          for (let seq = 0; seq < 3; seq++) {
            const entry = log(r, seq, {
              createdAt: T0 + i * 10 + seq,
              status: seq === 2 ? 'error' : 'success',
              nodeId: seq === 1 ? 'fetch' : `n${seq}`,
            });
            await store.commitStep(r.id, 'worker-a', entry, {});
            logs.push(entry);
          }
        }
        const noise = await claimedRun(await savedWorkflow());
        await store.commitStep(noise.id, 'worker-a', log(noise, 0), {});
        const foreign = await claimedRun(await savedWorkflow({ orgId: OTHER_ORG }));
        await store.commitStep(foreign.id, 'worker-a', log(foreign, 0), {});
        return { w, runs, logs };
      }
      const all = { page: 1, perPage: 100 };

      it('lists a workflow’s logs newest first, with a total and pages', async () => {
        const { w, logs } = await loggedWorkflow();
        const newestFirst = [...logs].reverse();
        expect(await store.listLogs(ORG, w.id, {}, all)).toEqual({ rows: newestFirst, total: 6 });
        const second = await store.listLogs(ORG, w.id, {}, { page: 2, perPage: 4 });
        expect(second).toEqual({ rows: newestFirst.slice(4), total: 6 });
        expect((await store.listLogs(OTHER_ORG, w.id, {}, all)).total).toBe(0);
      });

      it('filters logs by status, node, run and time range', async () => {
        const { w, runs, logs } = await loggedWorkflow();
        const pick = async (filter: Parameters<Store['listLogs']>[2]) =>
          ids((await store.listLogs(ORG, w.id, filter, all)).rows).sort();
        const expected = (keep: (l: LogRecord) => boolean) => ids(logs.filter(keep)).sort();
        expect(await pick({ status: 'error' })).toEqual(expected((l) => l.status === 'error'));
        expect(await pick({ nodeId: 'fetch' })).toEqual(expected((l) => l.nodeId === 'fetch'));
        expect(await pick({ runId: runs[1]!.id })).toEqual(expected((l) => l.runId === runs[1]!.id));
        expect(await pick({ from: T0 + 2 })).toEqual(expected((l) => l.createdAt >= T0 + 2));
        expect(await pick({ to: T0 + 10 })).toEqual(expected((l) => l.createdAt <= T0 + 10));
        expect(await pick({ from: T0 + 1, to: T0 + 11, status: 'success' })).toEqual(
          expected((l) => l.createdAt >= T0 + 1 && l.createdAt <= T0 + 11 && l.status === 'success'),
        );
        const filtered = await store.listLogs(ORG, w.id, { status: 'success' }, { page: 1, perPage: 1 });
        expect(filtered.total).toBe(4);
        expect(filtered.rows).toHaveLength(1);
      });

      it('gives the latest log of each workflow of the org', async () => {
        const { logs } = await loggedWorkflow();
        await savedWorkflow(); // no logs: not listed
        const later = await savedWorkflow();
        const r = await claimedRun(later);
        const latest = log(r, 1, { createdAt: T0 + 500 });
        await store.commitStep(r.id, 'worker-a', log(r, 0, { createdAt: T0 + 400 }), {});
        await store.commitStep(r.id, 'worker-a', latest, {});
        const recent = await store.recentLogs(ORG);
        expect(recent[0]).toEqual(latest);
        expect(recent[1]).toEqual(logs[5]);
        expect(recent).toHaveLength(3); // these two and the noise workflow's one log
        expect(recent.every((l) => l.orgId === ORG)).toBe(true);
      });

      it('counts a workflow’s logs by status', async () => {
        const { w } = await loggedWorkflow();
        expect(await store.countLogsByStatus(ORG, w.id)).toEqual({ success: 4, error: 2 });
        expect(await store.countLogsByStatus(OTHER_ORG, w.id)).toEqual({});
      });
    });

    describe('authorizations', () => {
      it('tells whether an authorization exists in the org', async () => {
        await h.execute('INSERT INTO authorizations (id, org_id, status, created_at) VALUES (?, ?, ?, ?)', [
          'auth_known',
          ORG,
          'active',
          T0,
        ]);
        expect(await store.authorizationExists(ORG, 'auth_known')).toBe(true);
        expect(await store.authorizationExists(OTHER_ORG, 'auth_known')).toBe(false);
        expect(await store.authorizationExists(ORG, 'auth_unknown')).toBe(false);
      });

      it('goes from pending to active exactly once, and reports its status for a workflow', async () => {
        const a = authorization();
        await store.createAuthorization(a);
        expect(await store.listAuthorizations(ORG)).toEqual([a]);
        expect(await store.listAuthorizations(OTHER_ORG)).toEqual([]);
        expect(await store.findPendingAuthorization('f'.repeat(64))).toEqual(a);
        const w = await savedWorkflow({ authorizationId: a.id });
        expect(await store.workflowAuthorization(ORG, w.id)).toEqual({
          authorizationId: a.id,
          status: 'pending',
        });

        const grant = { userId: 'usr_1', email: 'ada@example.com', sealedToken: sealed('k1') };
        expect(await store.activateAuthorization(a.id, 'f'.repeat(64), grant)).toBe(true);
        expect(await store.activateAuthorization(a.id, 'f'.repeat(64), grant)).toBe(false);
        expect(await store.findPendingAuthorization('f'.repeat(64))).toBeNull();
        expect(await store.getAuthorization(ORG, a.id)).toEqual({
          ...a,
          ...grant,
          status: 'active',
          confirmTokenHash: null,
        });
        expect(await store.getAuthorization(OTHER_ORG, a.id)).toBeNull();
        expect(await store.workflowAuthorization(ORG, w.id)).toEqual({
          authorizationId: a.id,
          status: 'active',
        });

        expect(await store.deleteAuthorization(OTHER_ORG, a.id)).toBe(false);
        expect(await store.deleteAuthorization(ORG, a.id)).toBe(true);
        expect(await store.workflowAuthorization(ORG, w.id)).toEqual({ authorizationId: a.id, status: null });
        expect(await store.workflowAuthorization(ORG, (await savedWorkflow()).id)).toBeNull();
      });
    });

    describe('vault', () => {
      it('round-trips items, scoped by org, and refuses a duplicate name in the org', async () => {
        const item = vaultItem({ name: 'stripe_key', expiresAt: T0 + 1000 });
        expect(await store.createVaultItem(item, null)).toBe(true);
        expect(await store.getVaultItem(ORG, item.id)).toEqual(item);
        expect(await store.getVaultItem(OTHER_ORG, item.id)).toBeNull();
        expect(await store.createVaultItem(vaultItem({ name: 'stripe_key' }), null)).toBe(false);
        expect(await store.createVaultItem(vaultItem({ name: 'stripe_key', orgId: OTHER_ORG }), null)).toBe(
          true,
        );
        const newer = vaultItem({ name: 'newer', createdAt: T0 + 1 });
        await store.createVaultItem(newer, null);
        expect(ids(await store.listVaultItems(ORG))).toEqual([newer.id, item.id]);
      });

      it('updates in place, reporting a missing item or a taken name', async () => {
        const item = vaultItem({ name: 'one' });
        await store.createVaultItem(item, null);
        await store.createVaultItem(vaultItem({ name: 'two' }), null);
        const changed = { ...item, name: 'uno', sealed: sealed('k2'), expiresAt: null, updatedAt: T0 + 5 };
        expect(await store.updateVaultItem(changed)).toBe('updated');
        expect(await store.getVaultItem(ORG, item.id)).toEqual(changed);
        expect(await store.updateVaultItem({ ...changed, name: 'two' })).toBe('name_taken');
        expect(await store.updateVaultItem({ ...changed, orgId: OTHER_ORG })).toBe('not_found');
      });

      it('finds the items a run refers to by name or id, in the org only', async () => {
        const a = vaultItem({ name: 'a_key' });
        const b = vaultItem({ name: 'b_key' });
        const foreign = vaultItem({ name: 'a_key', orgId: OTHER_ORG });
        for (const item of [a, b, foreign]) await store.createVaultItem(item, null);
        await store.createVaultItem(vaultItem({ name: 'unused' }), null);
        const found = await store.findVaultItems(ORG, ['a_key', 'missing'], [b.id, foreign.id]);
        expect(ids(found).sort()).toEqual([a.id, b.id].sort());
        expect(await store.findVaultItems(ORG, [], [])).toEqual([]);
      });

      it('keeps an api-key item without a value, finds its key by hash, and forgets it on delete', async () => {
        const item = vaultItem({ name: 'api-key:ci', sealed: null, expiresAt: T0 + 9 });
        const key = {
          id: item.id,
          orgId: ORG,
          vaultId: item.id,
          keyHash: 'a'.repeat(64),
          keyPrefix: 'abcdefgh',
          createdAt: T0,
        };
        expect(await store.createVaultItem(item, key)).toBe(true);
        expect(await store.getVaultItem(ORG, item.id)).toEqual(item);
        expect(await store.findApiKey('a'.repeat(64))).toEqual({
          orgId: ORG,
          vaultId: item.id,
          expiresAt: T0 + 9,
        });
        expect(await store.findApiKey('b'.repeat(64))).toBeNull();
        expect(await store.deleteVaultItem(OTHER_ORG, item.id)).toBe(false);
        expect(await store.deleteVaultItem(ORG, item.id)).toBe(true);
        expect(await store.findApiKey('a'.repeat(64))).toBeNull();
        expect(await store.getVaultItem(ORG, item.id)).toBeNull();
      });

      it('re-wraps every sealed value in one transaction, and none when one fails', async () => {
        const item = vaultItem({ name: 'wrapped' });
        await store.createVaultItem(item, null);
        await store.createVaultItem(vaultItem({ name: 'api-key:x', sealed: null }), null);
        const a = authorization();
        await store.createAuthorization(a);
        await store.activateAuthorization(a.id, 'f'.repeat(64), {
          userId: 'usr_1',
          email: null,
          sealedToken: sealed('k1'),
        });
        const rewrap = (s: SealedValue) => ({ ...s, wrappedKey: `${s.wrappedKey}+`, keyId: 'k9' });
        expect(await store.rewrapSealedValues(rewrap)).toEqual({ vaultItems: 1, authorizations: 1 });
        expect((await store.getVaultItem(ORG, item.id))?.sealed).toEqual(rewrap(sealed('k1')));
        expect((await store.getAuthorization(ORG, a.id))?.sealedToken).toEqual(rewrap(sealed('k1')));

        let calls = 0;
        await expect(
          store.rewrapSealedValues((s) => {
            if (++calls === 2) throw new Error('wrong key');
            return { ...s, keyId: 'k10' };
          }),
        ).rejects.toThrow('wrong key');
        expect((await store.getVaultItem(ORG, item.id))?.sealed?.keyId).toBe('k9');
      });
    });
  });
}

// SQLite: a new database file per test ------------------------------------------------------------

describeStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratoflow-store-'));
  const file = join(dir, 'stratoflow.db');
  const store = await openSqliteStore(file);
  const side = new Database(file);
  return {
    store,
    async execute(sql, params = []) {
      side.prepare(sql).run(...params);
    },
    async close() {
      side.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

// PostgreSQL: one database for the suite, emptied before each test --------------------------------

const pgUrl = postgresAdminUrl();

describe.skipIf(!pgUrl)('PostgreSQL', () => {
  const databaseUrl = useTestDatabase();

  describeStoreContract('PostgreSQL', async () => {
    const side = new pg.Client({ connectionString: databaseUrl() });
    await side.connect();
    await truncateAllTables(side);
    const store = await openPostgresStore(databaseUrl(), { poolSize: 5 });
    return {
      store,
      async execute(sql, params = []) {
        await side.query(toPostgresPlaceholders(sql), params);
      },
      async close() {
        await side.end();
        await store.close();
      },
    };
  });
});

async function truncateAllTables(client: pg.Client) {
  const { rows } = await client.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%'",
  );
  if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')}`);
}
