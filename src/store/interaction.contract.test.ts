import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRecord, workflowRecord } from '../../test/helpers/records.js';
import { describeOnEveryStore, type OpenStore } from '../../test/helpers/stores.js';
import { newId } from '../domain/ids.js';
import { type InteractionRecord, NEVER } from '../domain/interactions.js';
import type { RunRecord, WorkflowRecord } from '../domain/types.js';
import type { Store } from './store.js';

/**
 * The interaction (form) part of the Store contract, on SQLite and PostgreSQL alike: recording what a
 * run asks, the inbox, and the compare-and-set that lets exactly one answer (or the timeout) win.
 */
const T0 = Date.UTC(2030, 0, 1, 12);
const ANSWER = { button: 'approve', values: { reason: 'ok', amount: 3 } };

function interaction(r: RunRecord, overrides: Partial<InteractionRecord> = {}): InteractionRecord {
  return {
    id: newId('interaction'),
    orgId: r.orgId,
    runId: r.id,
    workflowId: r.workflowId,
    nodeId: 'form',
    status: 'pending',
    form: { title: 'Approve?', buttons: [{ id: 'approve', label: 'Approve' }] },
    assignee: 'ada@example.com',
    linkHash: null,
    url: null,
    createdAt: T0,
    expiresAt: T0 + 60_000,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    ...overrides,
  };
}

function describeInteractionContract(name: string, open: OpenStore) {
  describe(`${name}: interactions`, () => {
    let store: Store;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(() => close());

    async function parkedRun(overrides: Partial<RunRecord> = {}, w?: WorkflowRecord) {
      const workflow = w ?? workflowRecord(T0);
      if (!w) await store.createWorkflow(workflow);
      const r = runRecord(workflow, T0, { status: 'awaiting_ui_interaction', readyAt: NEVER, ...overrides });
      await store.createRun(r);
      return r;
    }

    it('records one interaction per run and node, keeping the first on a replay', async () => {
      const r = await parkedRun();
      const first = interaction(r, { linkHash: 'a'.repeat(64), url: 'https://x.test/forms/frm_a' });
      expect(await store.createInteraction(first)).toEqual(first);
      const replay = interaction(r, { createdAt: T0 + 5, expiresAt: T0 + 99 });
      expect(await store.createInteraction(replay)).toEqual(first);
      expect(await store.listRunInteractions(r.id)).toEqual([first]);
      expect(await store.findInteractionByLink('a'.repeat(64))).toEqual(first);
      expect(await store.findInteractionByLink('b'.repeat(64))).toBeNull();
    });

    it('answers exactly once and wakes the parked run', async () => {
      const r = await parkedRun();
      const asked = await store.createInteraction(interaction(r));
      const results = await Promise.all(
        ['usr_a', 'usr_b', 'usr_c'].map((who) => store.answerInteraction(asked.id, ANSWER, who, T0 + 10)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const [stored] = await store.listRunInteractions(r.id);
      expect(stored).toMatchObject({ status: 'answered', answer: ANSWER, answeredAt: T0 + 10 });
      expect(['usr_a', 'usr_b', 'usr_c']).toContain(stored?.answeredBy);
      expect(await store.getRun(r.orgId, r.id)).toMatchObject({ status: 'running', readyAt: T0 + 10 });
      expect((await store.claimRuns('w', T0 + 10, 1000, 5)).map((c) => c.id)).toEqual([r.id]);
    });

    it('refuses an answer after the timeout, and expires only once, never after an answer', async () => {
      const r = await parkedRun({ readyAt: T0 + 60_000 });
      const asked = await store.createInteraction(interaction(r));
      expect(await store.answerInteraction(asked.id, ANSWER, 'usr_a', T0 + 60_000)).toBe(false);
      expect(await store.expireInteraction(asked.id, T0 + 59_999)).toBe(false); // not due yet
      expect(await store.expireInteraction(asked.id, T0 + 60_000)).toBe(true);
      expect(await store.expireInteraction(asked.id, T0 + 60_001)).toBe(false);
      expect((await store.listRunInteractions(r.id))[0]?.status).toBe('expired');
      // The timed-out run is claimable at its timeout, to take the timeout path.
      expect((await store.claimRuns('w', T0 + 60_000, 1000, 5)).map((c) => c.id)).toEqual([r.id]);

      const other = await parkedRun();
      const answered = await store.createInteraction(interaction(other));
      expect(await store.answerInteraction(answered.id, ANSWER, null, T0 + 1)).toBe(true);
      expect(await store.expireInteraction(answered.id, T0 + 60_000)).toBe(false);
      expect((await store.listRunInteractions(other.id))[0]).toMatchObject({
        status: 'answered',
        answeredBy: null,
      });
    });

    it('does not wake a run a worker holds, and answers nothing of a finished run', async () => {
      const held = await parkedRun({
        status: 'running',
        leaseOwner: 'w',
        leaseExpiresAt: T0 + 1000,
        readyAt: T0,
      });
      const asked = await store.createInteraction(interaction(held));
      expect(await store.answerInteraction(asked.id, ANSWER, 'usr_a', T0 + 1)).toBe(true);
      expect(await store.getRun(held.orgId, held.id)).toMatchObject({ status: 'running', leaseOwner: 'w' });

      const failed = await parkedRun({ status: 'failed' });
      const orphan = await store.createInteraction(interaction(failed));
      expect(await store.answerInteraction(orphan.id, ANSWER, 'usr_a', T0 + 1)).toBe(false);
      expect(await store.cancelInteractions(failed.id)).toBe(1);
      expect((await store.listRunInteractions(failed.id))[0]?.status).toBe('cancelled');
    });

    it('lists the org’s open interactions, newest first, paginated, filtered by assignee', async () => {
      const w = workflowRecord(T0);
      await store.createWorkflow(w);
      const open1 = await store.createInteraction(interaction(await parkedRun({}, w), { createdAt: T0 + 1 }));
      const open2 = await store.createInteraction(
        interaction(await parkedRun({}, w), { createdAt: T0 + 2, assignee: 'usr_bob', expiresAt: null }),
      );
      await store.createInteraction(interaction(await parkedRun({}, w), { expiresAt: T0 + 5 })); // timed out
      await store.createInteraction(interaction(await parkedRun({ status: 'completed' }, w)));
      const answered = await store.createInteraction(interaction(await parkedRun({}, w)));
      await store.answerInteraction(answered.id, ANSWER, 'usr_a', T0 + 3);
      const other = workflowRecord(T0, { orgId: 'org_b' });
      await store.createWorkflow(other);
      await store.createInteraction(interaction(await parkedRun({}, other)));

      const now = T0 + 10;
      const page1 = await store.listPendingInteractions('org_a', { now }, { page: 1, perPage: 1 });
      expect(page1).toEqual({ rows: [open2], total: 2 });
      const page2 = await store.listPendingInteractions('org_a', { now }, { page: 2, perPage: 1 });
      expect(page2.rows).toEqual([open1]);
      const bobs = await store.listPendingInteractions(
        'org_a',
        { now, assignee: 'usr_bob' },
        { page: 1, perPage: 10 },
      );
      expect(bobs.rows.map((i) => i.id)).toEqual([open2.id]);
    });
  });
}

describeOnEveryStore(describeInteractionContract, 'stratoflow-interactions-');
