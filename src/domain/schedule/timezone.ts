import { luxon } from '../luxon.js';
import { DEFAULT_TIMEZONE } from './types.js';

export type TimezoneResult = { ok: true; timezone: string } | { ok: false; message: string };

/**
 * Checks an IANA zone name and returns its canonical spelling (`europe/berlin` → `Europe/Berlin`,
 * `Etc/UTC` → `UTC`), so stored schedules compare and display consistently. Blank means UTC.
 * Fixed offsets such as `+02:00` are refused: they are not IANA names and would ignore DST.
 */
export function resolveTimezone(timezone: string | null | undefined): TimezoneResult {
  const name = timezone?.trim() ?? '';
  if (name === '') return { ok: true, timezone: DEFAULT_TIMEZONE };
  // Node 22's ICU takes offsets as zones too (`Intl` accepts "+02:00"); IANA names never start with one.
  if (/^[+\-\u2212\d]/.test(name) || !luxon().IANAZone.isValidZone(name)) {
    return {
      ok: false,
      message: `schedule_timezone ${JSON.stringify(name)} is not a known IANA time zone like "Europe/Berlin"`,
    };
  }
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  return { ok: true, timezone: canonical };
}
