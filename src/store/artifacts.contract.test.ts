import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRecord, workflowRecord } from '../../test/helpers/records.js';
import { describeOnEveryStore, type OpenStore } from '../../test/helpers/stores.js';
import type { RunFileRecord, ShortLinkRecord } from '../domain/artifacts.js';
import { newId } from '../domain/ids.js';
import type { RunRecord } from '../domain/types.js';
import type { Store } from './store.js';

/** Run files and short links: the part of the Store contract added with migration 0003, on both stores. */
const T0 = Date.UTC(2030, 0, 1, 12);

function file(r: RunRecord, overrides: Partial<RunFileRecord> = {}): RunFileRecord {
  return {
    id: newId('runFile'),
    orgId: r.orgId,
    runId: r.id,
    workflowId: r.workflowId,
    nodeId: 'n2',
    name: 'report.pdf',
    contentType: 'application/pdf',
    size: 0,
    createdAt: T0,
    ...overrides,
  };
}

function link(overrides: Partial<ShortLinkRecord> = {}): ShortLinkRecord {
  return {
    id: newId('shortLink'),
    orgId: 'org_a',
    code: randomBytes(6).toString('base64url'),
    url: 'https://example.com/long?x=1',
    workflowId: null,
    runId: null,
    clicks: 0,
    expiresAt: null,
    createdAt: T0,
    ...overrides,
  };
}

function describeArtifactContract(name: string, open: OpenStore) {
  describe(`${name}: run files and short links`, () => {
    let store: Store;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(() => close());

    async function savedRun(orgId = 'org_a') {
      const w = workflowRecord(T0, { orgId });
      await store.createWorkflow(w);
      const r = runRecord(w, T0);
      await store.createRun(r);
      return { w, r };
    }

    it('keeps every byte of a file, lists a run’s files in order, and scopes both by org', async () => {
      const { r } = await savedRun();
      const bytes = Buffer.concat([Buffer.from('%PDF-1.3\n'), randomBytes(70_000), Buffer.from([0, 255, 0])]);
      const first = file(r, { size: bytes.length });
      const second = file(r, { name: 'b.txt', contentType: 'text/plain', size: 1, createdAt: T0 + 1 });
      await store.saveRunFile(second, Buffer.from('x'));
      await store.saveRunFile(first, bytes);
      const listed = await store.listRunFiles('org_a', r.id);
      expect(listed).toEqual([first, second]);
      const got = await store.getRunFile('org_a', first.id);
      expect(got?.file).toEqual(first);
      expect(Buffer.isBuffer(got?.content)).toBe(true);
      expect(got?.content.equals(bytes)).toBe(true);
      expect(await store.getRunFile('org_b', first.id)).toBeNull();
      expect(await store.listRunFiles('org_b', r.id)).toEqual([]);
    });

    it('deletes a workflow’s run files with the workflow', async () => {
      const { w, r } = await savedRun();
      const f = file(r, { size: 3 });
      await store.saveRunFile(f, Buffer.from('abc'));
      expect(await store.deleteWorkflow('org_a', w.id)).toBe(true);
      expect(await store.getRunFile('org_a', f.id)).toBeNull();
    });

    it('creates links with unique codes, lists them newest first per org, and deletes them', async () => {
      const a = link({ createdAt: T0 });
      const b = link({ createdAt: T0 + 1, expiresAt: T0 + 5_000, workflowId: 'fl_x', runId: 'fl_run_x' });
      const other = link({ orgId: 'org_b' });
      for (const l of [a, b, other]) expect(await store.createShortLink(l)).toBe(true);
      expect(await store.createShortLink(link({ code: a.code }))).toBe(false);
      const page = await store.listShortLinks('org_a', { page: 1, perPage: 1 });
      expect(page).toEqual({ rows: [b], total: 2 });
      expect((await store.listShortLinks('org_a', { page: 2, perPage: 1 })).rows).toEqual([a]);
      expect(await store.deleteShortLink('org_b', a.id)).toBe(false);
      expect(await store.deleteShortLink('org_a', a.id)).toBe(true);
      expect((await store.listShortLinks('org_a', { page: 1, perPage: 10 })).total).toBe(1);
    });

    it('counts each follow atomically until the link expires, then reports it expired without counting', async () => {
      const l = link({ expiresAt: T0 + 1_000 });
      await store.createShortLink(l);
      await Promise.all(Array.from({ length: 10 }, () => store.followShortLink(l.code, T0)));
      const followed = await store.followShortLink(l.code, T0 + 999);
      expect(followed).toEqual({ link: { ...l, clicks: 11 }, expired: false });
      expect(await store.followShortLink(l.code, T0 + 1_000)).toEqual({
        link: { ...l, clicks: 11 },
        expired: true,
      });
      expect(await store.followShortLink('nope', T0)).toBeNull();
    });
  });
}

describeOnEveryStore(describeArtifactContract, 'stratoflow-artifacts-');
