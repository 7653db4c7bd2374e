import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The data folder holds the database, the JWT secret and the vault's master key: it is created mode
 * 0700 and every file in it 0600, whatever the process umask. An existing folder is tightened too.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
}

/** Creates `file` empty with mode 0600 when missing; tightens an existing one to 0600. */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  tighten(file, 0o600);
}

/** Tightens `file` to 0600 if it exists (SQLite's -wal/-shm of an older installation). */
export function tightenIfPresent(file: string): void {
  if (existsSync(file)) tighten(file, 0o600);
}

function tighten(path: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    chmodSync(path, mode);
  } catch {
    // Not ours to change (a shared mount): leave it; the files we create are still private.
  }
}
