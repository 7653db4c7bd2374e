import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived its last full collection before it
 * collects again, in percent, for `serve` and `worker` (decision 0029). V8's own factor is up to 4×
 * (300%) when collections are cheap, which they are for a workflow engine's short-lived objects: under
 * load an old generation of ~30 MB live grew to ~120 MB of garbage before each full collection. At 50%
 * the peak resident set under the side-by-side workloads fell by a third (transform 215–230 → 146–159 MB,
 * 5 MB bodies 440 → 281 MB) for ~1% of the time spent in extra full collections.
 */
export const OLD_GENERATION_GROWTH_PERCENT = 50;

/**
 * The V8 flag `serve` and `worker` set, or undefined when the operator chose a growth on the `node`
 * command line (`node --heap-growing-percent=N dist/cli/main.js serve`): theirs stands.
 */
export function oldGenerationGrowthFlag(execArgv: readonly string[] = process.execArgv): string | undefined {
  const chosen = execArgv.some((arg) => /^--heap[-_]growing[-_]percent(=|$)/.test(arg));
  return chosen ? undefined : `--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`;
}

/** Bounds the old generation's growth; V8 reads the flag at each full collection, so it applies at once. */
export function boundOldGenerationGrowth(): void {
  const flag = oldGenerationGrowthFlag();
  if (flag) setFlagsFromString(flag);
}

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
