import { formatTimestamp } from '../domain/time.js';
import type { RunStatus } from '../domain/types.js';
import type { RunDayCount } from '../store/store.js';

const DAY_MS = 86_400_000;

/** Runs of one UTC day by outcome. */
export interface DayActivity {
  date: string;
  completed: number;
  failed: number;
  /** Runs not finished yet (pending, running, waiting). */
  other: number;
}

/** One entry per UTC day of the `days` days ending today, oldest first, zero-filled. */
export function runsPerDay(counts: readonly RunDayCount[], now: number, days: number): DayActivity[] {
  const today = Math.floor(now / DAY_MS);
  const byDay = new Map<number, DayActivity>();
  const result: DayActivity[] = [];
  for (let day = today - days + 1; day <= today; day++) {
    const entry = { date: formatTimestamp(day * DAY_MS).slice(0, 10), completed: 0, failed: 0, other: 0 };
    byDay.set(day, entry);
    result.push(entry);
  }
  for (const c of counts) {
    const entry = byDay.get(c.day);
    if (!entry) continue;
    if (c.status === 'completed') entry.completed += c.count;
    else if (c.status === 'failed') entry.failed += c.count;
    else entry.other += c.count;
  }
  return result;
}

/** The counts summed per status, across days and workflows. */
export function countByStatus(counts: readonly RunDayCount[]): Partial<Record<RunStatus, number>> {
  const total: Partial<Record<RunStatus, number>> = {};
  for (const c of counts) total[c.status] = (total[c.status] ?? 0) + c.count;
  return total;
}

/** Where the `days`-day window starts (midnight UTC of its first day). */
export function windowStart(now: number, days: number): number {
  return (Math.floor(now / DAY_MS) - days + 1) * DAY_MS;
}

/** Completed runs among finished runs, in %, one decimal; 0 when nothing finished. */
export function successRate(completed: number, failed: number): number {
  const finished = completed + failed;
  return finished === 0 ? 0 : Math.round((completed / finished) * 1000) / 10;
}
