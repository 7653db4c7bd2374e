/** How each run origin reads in the app. */
const ORIGINS: Record<string, string> = {
  manual: 'Manual',
  webhook: 'Webhook',
  schedule: 'Schedule',
  rerun: 'Re-run',
  resume: 'Resume',
  workflow: 'Parent workflow',
  sync: 'Sync API',
  event: 'Platform event',
};

export const originLabel = (origin: string | undefined) => (origin ? (ORIGINS[origin] ?? origin) : '—');

/** A run's duration in ms: final once it has completed, growing while it runs. */
export function runDurationMs(
  run: { duration_in_seconds: number | null; started_at: string; status: string },
  now = Date.now(),
): number | null {
  if (run.duration_in_seconds !== null) return run.duration_in_seconds * 1000;
  if (run.status === 'pending') return null;
  return Math.max(0, now - Date.parse(run.started_at));
}
