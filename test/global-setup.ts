import type { TestProject } from 'vitest/node';
import { findPostgresBinDir, startThrowawayCluster } from './helpers/pg-cluster.js';

/**
 * Makes a PostgreSQL server available to the suites (see test/helpers/postgres.ts):
 * - `STRATOFLOW_TEST_PG_URL` set: use that server (its user must be allowed to CREATE DATABASE);
 * - else, Debian's postgresql installed: start a throwaway cluster on 127.0.0.1 and a free port, stop and
 *   delete it after the run;
 * - else: fail in CI (the Postgres suites must run there), skip the Postgres suites elsewhere.
 * The URL reaches the test workers through vitest's `provide`/`inject` (`stratoflowPgUrl`).
 */
export default async function setup(project: TestProject) {
  const given = process.env.STRATOFLOW_TEST_PG_URL;
  if (given) {
    project.provide('stratoflowPgUrl', given);
    return;
  }
  const binDir = findPostgresBinDir();
  if (!binDir) {
    const why = 'no STRATOFLOW_TEST_PG_URL and no /usr/lib/postgresql/*/bin/initdb';
    if (process.env.CI) {
      throw new Error(`PostgreSQL suites must run in CI, but ${why}: apt-get install -y postgresql`);
    }
    console.warn(`\n[stratoflow] PostgreSQL suites SKIPPED: ${why}. Install postgresql to run them.\n`);
    project.provide('stratoflowPgUrl', null);
    return;
  }
  const cluster = await startThrowawayCluster(binDir);
  project.provide('stratoflowPgUrl', cluster.url);
  return () => cluster.stop();
}
