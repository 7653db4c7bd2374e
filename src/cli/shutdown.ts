/**
 * Graceful shutdown on SIGTERM/SIGINT: stop taking work, let in-flight nodes finish and hand unfinished
 * runs back, then exit 0. A second signal exits at once.
 */
export function onShutdownSignal(stop: () => Promise<void>) {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal} received, shutting down`);
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => handle('SIGTERM'));
  process.on('SIGINT', () => handle('SIGINT'));
}
