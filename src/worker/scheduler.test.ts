import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAdminUrl, useTestDatabase } from '../../test/helpers/postgres.js';
import { everyMinuteRecord } from '../../test/helpers/records.js';
import type { Clock } from '../domain/time.js';
import type { RunRecord, WorkflowRecord } from '../domain/types.js';
import { noTelemetry } from '../engine/telemetry.js';
import { openPostgresStore } from '../store/postgres/open-postgres-store.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.js';
import type { Store } from '../store/store.js';
import { createScheduler, type Scheduler } from './scheduler.js';

/**
 * Several schedulers against one database (the scale-out case): every due time fires exactly once,
 * whichever scheduler gets there first. The clock is shared and moved by hand; the loops are real.
 */
const T0 = Date.UTC(2030, 0, 1, 12);
const MINUTE = 60_000;
const STEPS = 8;

function everyMinute(): WorkflowRecord {
  return everyMinuteRecord(T0);
}

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Runs `schedulersPerStore` schedulers on each store through STEPS due times of three workflows. */
async function race(stores: Store[], schedulersPerStore: number) {
  let now = T0;
  const clock: Clock = { now: () => now };
  const created: RunRecord[] = [];
  const lags: number[] = [];
  const counted: string[] = [];
  const telemetry = {
    ...noTelemetry,
    scheduleFired: (lagMs: number) => lags.push(lagMs),
    runCreated: (run: RunRecord) => counted.push(run.id),
  };
  const schedulers: Scheduler[] = stores.flatMap((store) =>
    Array.from({ length: schedulersPerStore }, () =>
      createScheduler({
        store,
        clock,
        logger: pino({ level: 'silent' }),
        onRunCreated: (run) => created.push(run),
        maxSleepMs: 2,
        telemetry,
      }),
    ),
  );
  const [store] = stores as [Store];
  const workflows = [everyMinute(), everyMinute(), everyMinute()];
  for (const w of workflows) await store.createWorkflow(w);
  for (const s of schedulers) s.start();
  try {
    for (let step = 1; step <= STEPS; step += 1) {
      now = T0 + step * MINUTE + 10;
      await until(async () => {
        const saved = await Promise.all(workflows.map((w) => store.getWorkflow('org_a', w.id)));
        return saved.every((w) => w?.nextRunAt === T0 + (step + 1) * MINUTE);
      }, `step ${step}`);
    }
  } finally {
    await Promise.all(schedulers.map((s) => s.stop()));
  }
  return { workflows, created, lags, counted };
}

interface Opened {
  stores: Store[];
  close(): Promise<void>;
}

function describeSchedulerRace(name: string, open: () => Promise<Opened>) {
  describe(`${name}: several schedulers, one database`, () => {
    let opened: Opened | undefined;
    afterEach(() => opened?.close());

    it('fires every due time of every workflow exactly once', async () => {
      opened = await open();
      const { stores } = opened;
      const { workflows, created, lags, counted } = await race(stores, 2);
      for (const w of workflows) {
        const page = await stores[0]!.listRuns('org_a', w.id, { page: 1, perPage: 100 });
        const due = page.rows.map((r) => r.triggerPayload.scheduledFor as string).sort();
        const expected = Array.from({ length: STEPS }, (_, k) =>
          new Date(T0 + (k + 1) * MINUTE).toISOString(),
        );
        expect(due).toEqual(expected.map((iso) => iso.replace('Z', '000Z')));
      }
      expect(created).toHaveLength(STEPS * workflows.length);
      // Metrics hear of each fire once, with its lag: the clock stood 10 ms past every due time.
      expect(counted.sort()).toEqual(created.map((r) => r.id).sort());
      expect(lags).toEqual(created.map(() => 10));
    });
  });
}

describeSchedulerRace('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratoflow-scheduler-'));
  // Two connections to one file, as two processes would have (the data-dir lock normally forbids it).
  const file = join(dir, 'stratoflow.db');
  const stores = [await openSqliteStore(file), await openSqliteStore(file)];
  return {
    stores,
    async close() {
      await Promise.all(stores.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const pgUrl = postgresAdminUrl();

describe.skipIf(!pgUrl)('PostgreSQL', () => {
  const databaseUrl = useTestDatabase();

  // Two stores, two connection pools: as two processes would be.
  describeSchedulerRace('PostgreSQL', async () => {
    const stores = [
      await openPostgresStore(databaseUrl(), { poolSize: 4 }),
      await openPostgresStore(databaseUrl(), { poolSize: 4 }),
    ];
    return { stores, close: async () => void (await Promise.all(stores.map((s) => s.close()))) };
  });
});
