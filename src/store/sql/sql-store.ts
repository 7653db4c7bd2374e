import type { Store } from '../store.js';
import { authorizationQueries } from './authorization-queries.js';
import type { Db } from './db.js';
import { logQueries } from './log-queries.js';
import { runQueries } from './run-queries.js';
import { workflowQueries } from './workflow-queries.js';

/** The Store over any Db: the same SQL serves SQLite and PostgreSQL. */
export function createSqlStore(db: Db): Store {
  return {
    dialect: db.dialect,
    ...workflowQueries(db),
    ...runQueries(db),
    ...logQueries(db),
    ...authorizationQueries(db),
    close: () => db.close(),
  };
}
