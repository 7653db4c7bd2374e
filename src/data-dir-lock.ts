import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Embedded mode: one process owns a data folder. Refuses to start when another live process holds
 * the lock; takes over the lock of a process that died (e.g. `kill -9`).
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'serve.lock');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch {
    const pid = Number(readFileSync(file, 'utf8'));
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
      throw new Error(`Another Stratoflow process (pid ${pid}) is using the data folder ${dataDir}.`);
    }
    writeFileSync(file, String(process.pid), { mode: 0o600 });
  }
  return () => rmSync(file, { force: true });
}
