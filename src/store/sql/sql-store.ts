import type { Store } from '../store.js';
import { artifactQueries } from './artifact-queries.js';
import { authorizationQueries } from './authorization-queries.js';
import { countQueries } from './count-queries.js';
import type { Db } from './db.js';
import { interactionQueries } from './interaction-queries.js';
import { logQueries } from './log-queries.js';
import { retentionQueries } from './retention-queries.js';
import { RUNS_READY_CHANNEL, runQueries } from './run-queries.js';
import { scheduleQueries } from './schedule-queries.js';
import { triggerQueries } from './trigger-queries.js';
import { vaultQueries } from './vault-queries.js';
import { workflowQueries } from './workflow-queries.js';

/** How long `ready()` waits for the database before answering false. */
const READY_TIMEOUT_MS = 5_000;

/** The Store over any Db: the same SQL serves SQLite and PostgreSQL. */
export function createSqlStore(db: Db, schema: { migrationsCurrent(): Promise<boolean> }): Store {
  async function check(): Promise<boolean> {
    await db.all('SELECT 1 AS ok');
    return schema.migrationsCurrent();
  }
  return {
    dialect: db.dialect,
    ...workflowQueries(db),
    ...runQueries(db),
    ...logQueries(db),
    ...countQueries(db),
    ...authorizationQueries(db),
    ...vaultQueries(db),
    ...scheduleQueries(db),
    ...triggerQueries(db),
    ...artifactQueries(db),
    ...interactionQueries(db),
    ...retentionQueries(db),
    ready: () => withinTimeout(check(), READY_TIMEOUT_MS).catch(() => false),
    async onRunsReady(callback: () => void) {
      return db.listen ? db.listen(RUNS_READY_CHANNEL, callback) : async () => undefined;
    },
    close: () => db.close(),
  };
}

function withinTimeout(work: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
