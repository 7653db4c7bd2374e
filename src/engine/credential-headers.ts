import { nullRecord } from '../domain/records.js';

/** Headers that carry a webhook sender's credentials; never stored in a run's trigger payload. */
export const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'] as const;

export const REDACTED_HEADER = '[REDACTED]';

/** `headers` with every credential header (the standard ones plus `extra`) replaced by `[REDACTED]`. */
export function redactCredentialHeaders(
  headers: Readonly<Record<string, string>>,
  extra: readonly string[] = [],
): Record<string, string> {
  const hidden = new Set([...CREDENTIAL_HEADERS, ...extra.map((h) => h.trim().toLowerCase())]);
  return nullRecord(
    Object.entries(headers).map(([name, value]) => [
      name,
      hidden.has(name.toLowerCase()) ? REDACTED_HEADER : value,
    ]),
  );
}
