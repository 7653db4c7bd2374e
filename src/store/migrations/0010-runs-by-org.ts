import type { Kysely, Migration } from 'kysely';

/** The org-wide run list (`GET /workflows/runs`, the dashboard) reads runs newest first per organization. */
export const runsByOrg: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('runs_org').on('runs').columns(['org_id', 'created_at']).execute();
  },
};
