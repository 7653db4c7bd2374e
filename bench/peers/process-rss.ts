/**
 * Resident memory of a process and all its descendants (n8n starts task-runner children), read from
 * /proc on Linux. Elsewhere it reports 0 rather than guessing.
 */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: string): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: fields resume after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
  } catch {
    return null;
  }
}

function rssKb(pid: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Sum of VmRSS over `rootPid` and its descendants, in MB. */
export function treeRssMb(rootPid: number): number {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const children = new Map<string, string[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  let total = 0;
  const queue = [String(rootPid)];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    total += rssKb(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

/** Samples the tree every `intervalMs` until stopped; `stop()` returns the largest sample in MB. */
export function samplePeakRss(rootPid: number, intervalMs = 250): { stop(): number } {
  let peak = treeRssMb(rootPid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssMb(rootPid));
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRssMb(rootPid));
    },
  };
}
