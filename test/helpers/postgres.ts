import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The admin URL of the test PostgreSQL server (test/global-setup.ts), null when there is none. */
    stratoflowPgUrl: string | null;
  }
}

/**
 * The test PostgreSQL server's admin URL, or null when the Postgres suites are skipped (outside CI only:
 * the global setup fails a CI run that has no PostgreSQL).
 */
export function postgresAdminUrl(): string | null {
  const url = process.env.STRATOFLOW_TEST_PG_URL || inject('stratoflowPgUrl') || null;
  if (!url && process.env.CI) throw new Error('PostgreSQL suites must run in CI: no test server configured');
  return url;
}

export interface TestDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

async function asAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database of its own for one suite, so suites can run in parallel on one server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = postgresAdminUrl();
  if (!adminUrl) throw new Error('No test PostgreSQL server: guard the suite with postgresAdminUrl()');
  const name = `sf_${randomBytes(8).toString('hex')}`;
  await asAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      asAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/**
 * Gives the enclosing `describe` block a database of its own: created before its tests, dropped after.
 * Returns the URL's getter (the database exists only once the block's tests run).
 */
export function useTestDatabase(): () => string {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());
  return () => {
    if (!database) throw new Error('The test database is created before the tests of its block run.');
    return database.url;
  };
}
