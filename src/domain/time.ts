/** The source of "now" for everything that schedules, leases or stamps. Tests pass their own. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Renders epoch milliseconds the way the API does: UTC, six fractional digits (`...00.000000Z`). */
export function formatTimestamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 23)}000Z`;
}

export function formatNullableTimestamp(epochMs: number | null | undefined): string | null {
  return epochMs === null || epochMs === undefined ? null : formatTimestamp(epochMs);
}

/** Parses any ISO-8601 date-time; returns epoch ms or null when it is not one. */
export function parseTimestamp(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value))
    return null;
  const ms = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? null : ms;
}
