import { nullRecord } from '../domain/records.js';

/** Headers that carry a webhook sender's credentials; never stored in a run's trigger payload. */
export const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'] as const;

export const REDACTED_HEADER = '[REDACTED]';

const STANDARD: ReadonlySet<string> = new Set(CREDENTIAL_HEADERS);
/** The set of names to hide for each `extra` list (one per server configuration), built once. */
const hiddenByExtra = new WeakMap<readonly string[], ReadonlySet<string>>();

function hiddenNames(extra: readonly string[]): ReadonlySet<string> {
  if (extra.length === 0) return STANDARD;
  let hidden = hiddenByExtra.get(extra);
  if (!hidden) {
    hidden = new Set([...CREDENTIAL_HEADERS, ...extra.map((h) => h.trim().toLowerCase())]);
    hiddenByExtra.set(extra, hidden);
  }
  return hidden;
}

/** `headers` with every credential header (the standard ones plus `extra`) replaced by `[REDACTED]`. */
export function redactCredentialHeaders(
  headers: Readonly<Record<string, string>>,
  extra: readonly string[] = [],
): Record<string, string> {
  const hidden = hiddenNames(extra);
  const redacted = nullRecord<string>();
  for (const name of Object.keys(headers)) {
    redacted[name] = hidden.has(name.toLowerCase()) ? REDACTED_HEADER : (headers[name] as string);
  }
  return redacted;
}
