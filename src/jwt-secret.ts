import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from './domain/private-files.js';

export const JWT_SECRET_FILE = 'jwt-secret';

/**
 * The HS256 secret: `STRATOFLOW_JWT_SECRET` when set, else the one `serve` generated into the data
 * folder (created with mode 0600 on first use).
 */
export function resolveJwtSecret(configured: string | null, dataDir: string, create: boolean): string | null {
  if (configured) return configured;
  const file = join(dataDir, JWT_SECRET_FILE);
  const stored = existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
  if (stored) return stored;
  if (!create) return null;
  ensurePrivateDir(dataDir);
  const secret = randomBytes(32).toString('base64url');
  try {
    // An empty file (a crash between creating and writing it) never signed a token: replace it.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: stored === '' ? 'w' : 'wx' });
    chmodSync(file, 0o600);
    return secret;
  } catch {
    return readFileSync(file, 'utf8').trim(); // another process created it first
  }
}
