import type { Kysely, Migration } from 'kysely';

/**
 * Tracing and lease bookkeeping on runs (issue 14 items 4 and 5), all nullable so existing rows need
 * nothing: the W3C trace the run belongs to (`trace_id`), the caller's span and `tracestate` when the
 * trace came with the request, and `lease_taken_from`: the owner whose expired lease the last claim took
 * over (null when the run was free), which is how a takeover is counted without a second query.
 */
export const observability: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('runs').addColumn('trace_id', 'text').execute();
    await db.schema.alterTable('runs').addColumn('trace_parent_span_id', 'text').execute();
    await db.schema.alterTable('runs').addColumn('trace_state', 'text').execute();
    await db.schema.alterTable('runs').addColumn('lease_taken_from', 'text').execute();
  },
};
