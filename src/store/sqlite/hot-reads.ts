import type { Database } from 'better-sqlite3';
import { LruCache } from '../../domain/lru.js';
import type { Store } from '../store.js';

/** Entries each cache keeps; past it the least recently used goes. */
const HOT_READ_ENTRIES = 1_000;

/** The tables the cached answers are read from: any write to them invalidates every entry. */
const WATCHED_TABLES = ['workflows', 'authorizations', 'api_keys', 'vault_items'] as const;

/**
 * Answers the lookups every execution makes from memory: the workflow of a webhook token, the workflow of
 * a synchronous call, the workflow's authorization, and the owner of a synchronous call's API key. From
 * SQLite each costs a read transaction of its own (7–22 µs under load: file locks, a row turned into an
 * object); answered from memory, an asynchronous webhook run took ~15% less CPU (decision 0035).
 *
 * Embedded mode has one writer, this connection (the data folder is locked to one process), and it
 * tells us of its every write: temporary triggers on the watched tables call back into this process,
 * inside the writing statement, whatever code wrote. A write bumps a generation number; an entry read in
 * an older generation is never answered. An entry is only stored if no write happened while it was
 * read. Reads wait for an executing transaction (sqlite-db.ts), so what is stored was committed.
 *
 * Returns the store unchanged when the tables do not exist yet (a store opened without migrating).
 */
export function cacheHotReads(store: Store, raw: Database): Store {
  const placeholders = WATCHED_TABLES.map(() => '?').join(', ');
  const present = raw
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${placeholders})`)
    .all(...WATCHED_TABLES);
  if (present.length < WATCHED_TABLES.length) return store;
  let generation = 0;
  raw.function('stratoflow_watched_table_written', () => {
    generation += 1;
    return null;
  });
  for (const table of WATCHED_TABLES) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      raw.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS stratoflow_${table}_${event.toLowerCase()}_seen AFTER ${event} ON main.${table} BEGIN SELECT stratoflow_watched_table_written(); END`,
      );
    }
  }

  function cached<A extends string[], V>(
    load: (...args: A) => Promise<V>,
    keep: (value: V) => boolean,
  ): (...args: A) => Promise<V> {
    const entries = new LruCache<string, { value: V; generation: number }>(HOT_READ_ENTRIES);
    return async (...args) => {
      const key = args.join('\n');
      const hit = entries.get(key);
      if (hit && hit.generation === generation) return hit.value;
      const readIn = generation;
      const value = await load(...args);
      if (keep(value) && readIn === generation) {
        entries.set(key, { value: Object.freeze(value), generation: readIn });
      }
      return value;
    };
  }

  const found = <V>(value: V | null) => value !== null;
  return {
    ...store,
    // Unknown tokens and ids are not kept: a caller guessing them cannot push the real entries out.
    findWorkflowByWebhookHash: cached(store.findWorkflowByWebhookHash, found),
    getWorkflowHead: cached(store.getWorkflowHead, found),
    // Most workflows name no authorization (null): that answer is the one worth keeping.
    workflowAuthorization: cached(store.workflowAuthorization, () => true),
    // The key's expiry is kept with it and compared with the clock on every call (api-key-verifier.ts).
    findApiKey: cached(store.findApiKey, found),
  };
}
