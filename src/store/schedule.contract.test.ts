import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { everyMinuteRecord, runRecord } from '../../test/helpers/records.js';
import { describeOnEveryStore, type OpenStore } from '../../test/helpers/stores.js';
import type { RunRecord, WorkflowRecord } from '../domain/types.js';
import type { Store } from './store.js';

/**
 * The schedule and event part of the Store contract, on SQLite and PostgreSQL alike. The exactly-once
 * guarantee of scheduled runs rests on `fireSchedule`; these tests race it.
 */
const T0 = Date.UTC(2030, 0, 1, 12);
const MINUTE = 60_000;

function workflow(overrides: Partial<WorkflowRecord> = {}): WorkflowRecord {
  return everyMinuteRecord(T0, overrides);
}

function scheduledRun(w: WorkflowRecord, createdAt: number): RunRecord {
  return runRecord(w, createdAt, { origin: 'schedule', triggerPayload: { origin: 'schedule', payload: {} } });
}

async function runCount(store: Store, w: WorkflowRecord) {
  return (await store.listRuns(w.orgId, w.id, { page: 1, perPage: 100 })).total;
}

function describeScheduleContract(name: string, open: OpenStore) {
  describe(`${name}: schedules and events`, () => {
    let store: Store;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(() => close());

    async function saved(overrides: Partial<WorkflowRecord> = {}) {
      const w = workflow(overrides);
      await store.createWorkflow(w);
      return w;
    }

    it('lists active due workflows, earliest first, up to the limit', async () => {
      const later = await saved({ nextRunAt: T0 + 2 * MINUTE });
      const first = await saved({ nextRunAt: T0 + MINUTE });
      await saved({ nextRunAt: T0 + MINUTE, isActive: false });
      await saved({ nextRunAt: T0 + 10 * MINUTE });
      await saved({ nextRunAt: null, scheduleType: 'manual', scheduleValue: null });
      const due = await store.dueWorkflows(T0 + 2 * MINUTE, 10);
      expect(due.map((d) => d.id)).toEqual([first.id, later.id]);
      expect(due[0]).toEqual({
        id: first.id,
        orgId: 'org_a',
        versionId: first.versionId,
        scheduleType: 'interval',
        scheduleValue: '1 minute',
        scheduleTimezone: null,
        nextRunAt: T0 + MINUTE,
      });
      expect(await store.dueWorkflows(T0 + 2 * MINUTE, 1)).toHaveLength(1);
      expect(await store.dueWorkflows(T0, 10)).toEqual([]);
    });

    it('tells the earliest next_run_at of an active workflow', async () => {
      expect(await store.nextScheduledAt()).toBeNull();
      await saved({ nextRunAt: T0 + MINUTE, isActive: false });
      await saved({ nextRunAt: T0 + 3 * MINUTE });
      await saved({ nextRunAt: T0 + 2 * MINUTE });
      expect(await store.nextScheduledAt()).toBe(T0 + 2 * MINUTE);
    });

    it('fires a due time: moves next_run_at and inserts the run together', async () => {
      const w = await saved();
      const run = scheduledRun(w, T0 + MINUTE);
      expect(await store.fireSchedule(w.id, T0 + MINUTE, T0 + 2 * MINUTE, run)).toBe(true);
      expect((await store.getWorkflow('org_a', w.id))?.nextRunAt).toBe(T0 + 2 * MINUTE);
      expect((await store.getRun('org_a', run.id))?.origin).toBe('schedule');
    });

    it('does not fire when next_run_at has moved on or the workflow is inactive', async () => {
      const w = await saved();
      const stale = scheduledRun(w, T0 + MINUTE);
      expect(await store.fireSchedule(w.id, T0, T0 + 2 * MINUTE, stale)).toBe(false);
      await store.updateWorkflow({ ...w, isActive: false }, false);
      expect(await store.fireSchedule(w.id, T0 + MINUTE, T0 + 2 * MINUTE, stale)).toBe(false);
      expect(await runCount(store, w)).toBe(0);
      expect((await store.getWorkflow('org_a', w.id))?.nextRunAt).toBe(T0 + MINUTE);
    });

    it('creates exactly one run for many concurrent fires of one due time', async () => {
      const w = await saved();
      const attempts = Array.from({ length: 20 }, () =>
        store.fireSchedule(w.id, T0 + MINUTE, T0 + 2 * MINUTE, scheduledRun(w, T0 + MINUTE)),
      );
      const fired = await Promise.all(attempts);
      expect(fired.filter(Boolean)).toHaveLength(1);
      expect(await runCount(store, w)).toBe(1);
    });

    it('never fires a due time twice, even when a stale save puts it back', async () => {
      const w = await saved();
      expect(await store.fireSchedule(w.id, T0 + MINUTE, T0 + 2 * MINUTE, scheduledRun(w, T0 + MINUTE))).toBe(
        true,
      );
      // A save that read the workflow before the fire writes the old next_run_at back.
      await store.updateWorkflow(w, false);
      const again = scheduledRun(w, T0 + MINUTE + 500);
      expect(await store.fireSchedule(w.id, T0 + MINUTE, T0 + 2 * MINUTE, again)).toBe(false);
      expect(await runCount(store, w)).toBe(1);
      // ...and the schedule moved on, so the next due time fires normally.
      expect((await store.getWorkflow('org_a', w.id))?.nextRunAt).toBe(T0 + 2 * MINUTE);
      expect(
        await store.fireSchedule(w.id, T0 + 2 * MINUTE, T0 + 3 * MINUTE, scheduledRun(w, T0 + 2 * MINUTE)),
      ).toBe(true);
    });

    it('advances or stops a schedule without a run, only from the expected time', async () => {
      const w = await saved();
      expect(await store.advanceSchedule(w.id, T0, null)).toBe(false);
      expect(await store.advanceSchedule(w.id, T0 + MINUTE, null)).toBe(true);
      expect((await store.getWorkflow('org_a', w.id))?.nextRunAt).toBeNull();
      expect(await runCount(store, w)).toBe(0);
    });

    it('finds the org’s active workflows with a given trigger, oldest first', async () => {
      const older = await saved({ triggerComponent: 'site_offline', createdAt: T0 });
      const newer = await saved({ triggerComponent: 'site_offline', createdAt: T0 + 1 });
      await saved({ triggerComponent: 'site_offline', isActive: false });
      await saved({ triggerComponent: 'site_online' });
      await saved({ triggerComponent: 'site_offline', orgId: 'org_b' });
      const found = await store.activeWorkflowsWithTrigger('org_a', 'site_offline');
      expect(found.map((w) => w.id)).toEqual([older.id, newer.id]);
      expect(found[0]?.versionId).toBe(older.versionId);
    });
  });
}

describeOnEveryStore(describeScheduleContract, 'stratoflow-schedule-');
