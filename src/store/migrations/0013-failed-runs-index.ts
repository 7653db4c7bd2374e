import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The latest failed runs of an organization (the dashboard's `recent_failures`) through an index of
 * failed runs only: through `runs_org` the query walked the organization's runs newest first until it
 * found ten failures, every run of its history when it had fewer (~30 ms at 100,000 runs, on the event
 * loop in embedded mode). A run is added to it only when it fails. The predicate is the query's text
 * (`recentFailedRuns` in run-queries.ts): SQLite uses a partial index only for a query that repeats it.
 */
export const failedRunsIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('runs_failed')
      .on('runs')
      .columns(['org_id', 'created_at'])
      .where(sql<boolean>`status = 'failed'`)
      .execute();
  },
};
