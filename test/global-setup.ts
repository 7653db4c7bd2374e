import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findPostgresBinDir, startThrowawayCluster } from './helpers/pg-cluster.js';

/**
 * Before the suites run:
 * - gives the whole run one temporary folder (`TMPDIR`, inherited by the test workers and every process
 *   they start) and deletes it afterwards, so a run leaves nothing behind however many data folders,
 *   databases and keys its tests make;
 * - makes a PostgreSQL server available to the suites (see test/helpers/postgres.ts):
 *   - `STRATOFLOW_TEST_PG_URL` set: use that server (its user must be allowed to CREATE DATABASE);
 *   - else, Debian's postgresql installed: start a throwaway cluster on 127.0.0.1 and a free port, stop
 *     and delete it after the run;
 *   - else: fail in CI (the Postgres suites must run there), skip the Postgres suites elsewhere.
 *   The URL reaches the test workers through vitest's `provide`/`inject` (`stratoflowPgUrl`).
 */
export default async function setup(project: TestProject) {
  const removeRunTmp = makeRunTmpdir();
  const stopCluster = await providePostgres(project);
  return async () => {
    await stopCluster?.();
    removeRunTmp();
  };
}

function makeRunTmpdir(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'stratoflow-tests-'));
  // Others must reach into it: the throwaway cluster runs as the postgres user when the tests run as root.
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove); // an interrupted run too
  return remove;
}

async function providePostgres(project: TestProject): Promise<(() => Promise<void>) | undefined> {
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
