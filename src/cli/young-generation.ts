import { setFlagsFromString } from 'node:v8';

/**
 * Start-up allocates ~100 MB of short-lived objects (modules, schemas, routes). With V8's default
 * growth factor the young generation grows to its 2 × 16 MB maximum on the way and keeps it until the
 * memory reducer next runs, which may be never in a process that then idles: the same idle server measured
 * 84 or 103 MB depending on it. Holding the growth factor at 1 during start-up keeps the young generation at
 * its initial size; `release` restores V8's default, so that under load it grows as before (decision 0028).
 * The flag is read at each scavenge, so changing it in a running process is safe.
 */
export function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** V8's default growth factor again (2), once start-up is over. */
export function releaseYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=2');
}
