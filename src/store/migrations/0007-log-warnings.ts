import type { Kysely, Migration } from 'kysely';

/**
 * `logs.warnings`: what a node's templates read that does not exist, as a JSON array of sentences
 * (`["n1.body is undefined"]`); NULL when there was nothing to say (every earlier log).
 */
export const logWarnings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('logs').addColumn('warnings', 'text').execute();
  },
};
