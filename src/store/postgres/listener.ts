import type pg from 'pg';

/**
 * LISTEN on one channel over a dedicated connection taken from the pool, reconnecting after errors.
 * Every notification (and every reconnect, which may have missed some) calls `onNotify`.
 */
export async function listenOn(
  pool: pg.Pool,
  channel: string,
  onNotify: () => void,
): Promise<() => Promise<void>> {
  let client: pg.PoolClient | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  // A connection may report several errors (or one after close released it): release it exactly once.
  const released = new WeakSet<pg.PoolClient>();
  const release = (c: pg.PoolClient, destroy: boolean) => {
    if (released.has(c)) return;
    released.add(c);
    c.release(destroy);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    try {
      const c = await pool.connect();
      c.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      c.on('error', () => {
        release(c, true);
        if (client === c) client = null;
        schedule();
      });
      await c.query(`LISTEN ${channel}`);
      client = c;
      onNotify();
    } catch {
      schedule();
    }
  }

  function schedule() {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, 1000);
    retry.unref();
  }

  await connect();
  return async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    if (c) {
      await c.query(`UNLISTEN ${channel}`).catch(() => undefined);
      release(c, false);
    }
  };
}
