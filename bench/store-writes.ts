/**
 * What each index and counter trigger of `runs` and `logs` costs the asynchronous webhook path in
 * embedded mode (decision 0038). Not run by the tests:
 *   npx tsx bench/store-writes.ts [--runs 20000] [--repeats 3]
 * A variant of your own, to price a schema change before making it (SQL run on the migrated file):
 *   STRATOFLOW_BENCH_VARIANTS='{"ready on ready_at": "DROP INDEX runs_ready; CREATE INDEX ..."}' npx tsx ...
 *
 * Drives the real SQLite store the way the webhook path does under load: each group commit holds the
 * inserts of 8 new runs (leased to this process, as direct dispatch creates them) and the final steps of
 * the 8 runs inserted before (a log each, the run completed and released). One file per variant: the
 * full schema, and each index or counter trigger dropped in turn. Prints the event loop's time per run
 * (the store's JavaScript and SQLite; checkpoints run in their thread, as under load).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { newId } from '../src/domain/ids.js';
import type { LogRecord, RunRecord } from '../src/domain/types.js';
import { newRunRecord } from '../src/engine/run-service.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { median, saveResult, tempDir } from './lib.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20000' }, repeats: { type: 'string', default: '3' } },
});
const RUNS = Number(values.runs);
const REPEATS = Number(values.repeats);
const PER_COMMIT = 8;
const OWNER = 'bench:store-writes';

/** Each variant drops these statements' objects from the migrated schema ('' keeps it whole). */
const VARIANTS: Record<string, string> = {
  'full schema': '',
  'without runs_ready': 'DROP INDEX runs_ready',
  'without runs_completed': 'DROP INDEX runs_completed',
  'without runs_workflow': 'DROP INDEX runs_workflow',
  'without runs_org': 'DROP INDEX runs_org',
  'without runs_failed': 'DROP INDEX runs_failed',
  'without logs_workflow': 'DROP INDEX logs_workflow',
  'without run counters': 'DROP TRIGGER run_counts_insert; DROP TRIGGER run_counts_update',
  'without log counters': 'DROP TRIGGER log_counts_insert',
  ...(process.env.STRATOFLOW_BENCH_VARIANTS ? JSON.parse(process.env.STRATOFLOW_BENCH_VARIANTS) : {}),
};

const workflow = { id: newId('workflow'), orgId: 'org_bench', versionId: newId('version') };
const trigger = {
  origin: 'webhook' as const,
  payload: { webhook_payload: { event_type: 'site.offline', data: { id: 'site_123' } } },
  headers: { host: '127.0.0.1:3000', 'content-type': 'application/json', 'content-length': '54' },
};

function newRun(now: number): RunRecord {
  return newRunRecord({ workflow, origin: 'webhook', trigger }, now, { owner: OWNER, until: now + 60_000 });
}

function logOf(run: RunRecord, now: number): LogRecord {
  return {
    id: newId('log'),
    orgId: run.orgId,
    runId: run.id,
    workflowId: run.workflowId,
    seq: 2,
    nodeId: 'n2',
    componentId: 'text_transform',
    status: 'success',
    input: { template: 'event site.offline for site_123' },
    output: { text: 'event site.offline for site_123' },
    handle: null,
    attempt: 1,
    durationMs: 0.02,
    createdAt: now,
  };
}

/** `runs` runs through the store, PER_COMMIT new and PER_COMMIT finishing in each group commit. */
async function drive(store: Store, runs: number): Promise<void> {
  let previous: RunRecord[] = [];
  for (let done = 0; done < runs; done += PER_COMMIT) {
    const now = Date.now();
    const fresh = Array.from({ length: PER_COMMIT }, () => newRun(now));
    await Promise.all([
      ...fresh.map((run) => store.createRun(run)),
      ...previous.map((run) =>
        store.commitStep(run.id, OWNER, logOf(run, now), {
          status: 'completed',
          completedAt: now,
          state: run.state,
          releaseLease: true,
        }),
      ),
    ]);
    previous = fresh;
  }
}

/** A migrated store with the variant's objects dropped, warm (JIT, statement cache, pages). */
async function openVariant(variant: string): Promise<Store> {
  const file = join(tempDir('stratoflow-store-writes-'), 'stratoflow.db');
  await (await openSqliteStore(file)).close();
  const raw = new Database(file);
  // The full schema frees a page too, as a dropped index does: every file then grows the same way.
  raw.exec(VARIANTS[variant] || 'CREATE TABLE bench_pad (x); DROP TABLE bench_pad');
  raw.close();
  const store = await openSqliteStore(file, { checkpoints: 'thread' });
  await drive(store, 2_000);
  return store;
}

// All variants are open at once and take turns by slices of CHUNK runs, so that the machine's slow and
// fast spells (minutes long) fall on every variant alike. The work is synchronous between group commits,
// so a slice's wall time is the event loop's time for it.
const CHUNK = 1_000;
const names = Object.keys(VARIANTS);
const stores = new Map<string, Store>();
for (const name of names) stores.set(name, await openVariant(name));
const samples = new Map<string, number[]>(names.map((name) => [name, []]));
for (let slice = 0; slice < (RUNS / CHUNK) * REPEATS; slice++) {
  const order = [...names.slice(slice % names.length), ...names.slice(0, slice % names.length)];
  for (const name of order) {
    const started = performance.now();
    await drive(stores.get(name)!, CHUNK);
    samples.get(name)!.push(((performance.now() - started) * 1000) / CHUNK);
  }
}
for (const store of stores.values()) await store.close();
const baseline = median(samples.get('full schema')!);
const rows = names.map((name) => {
  const us = median(samples.get(name)!);
  return { variant: name, us_per_run: Number(us.toFixed(1)), saves_us: Number((baseline - us).toFixed(1)) };
});
for (const row of rows) {
  console.log(
    `${row.variant.padEnd(24)} ${row.us_per_run.toFixed(1).padStart(6)} µs/run  ${row.variant === 'full schema' ? '' : `saves ${row.saves_us.toFixed(1)}`}`,
  );
}
saveResult('store-writes', { runs: RUNS, repeats: REPEATS, per_commit: PER_COMMIT, chunk: CHUNK, rows });
