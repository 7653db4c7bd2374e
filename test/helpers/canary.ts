import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The forms a secret travels in: as itself, base64, base64url, URL- and form-encoded. */
export function secretForms(label: string, secret: string): Record<string, string> {
  return {
    [`${label} plain`]: secret,
    [`${label} base64`]: Buffer.from(secret).toString('base64'),
    [`${label} base64url`]: Buffer.from(secret).toString('base64url'),
    [`${label} url-encoded`]: encodeURIComponent(secret),
    [`${label} form-encoded`]: encodeURIComponent(secret).replace(/%20/g, '+'),
  };
}

/** The names of the forms found in `haystack`. */
export function formsIn(haystack: string | Buffer, forms: Record<string, string>): string[] {
  return Object.entries(forms)
    .filter(([, form]) => haystack.includes(form))
    .map(([name]) => name);
}

/** The SQLite database of a data folder and its WAL and shared-memory files, those that exist. */
export function databaseFiles(dataDir: string): string[] {
  return ['stratoflow.db', 'stratoflow.db-wal', 'stratoflow.db-shm']
    .map((name) => join(dataDir, name))
    .filter((file) => existsSync(file));
}
