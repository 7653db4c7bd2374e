import type { DateTime } from 'luxon';

export const CARBON_CONDITIONS = [
  'is_today',
  'is_yesterday',
  'is_tomorrow',
  'is_past',
  'is_future',
  'is_weekend',
  'is_weekday',
  'within_N_days',
  'within_last_N_days',
  'within_next_N_days',
  'older_than_N_days',
] as const;

const FIXED: Record<string, (date: DateTime, now: DateTime) => boolean> = {
  is_today: (date, now) => date.hasSame(now, 'day'),
  is_yesterday: (date, now) => date.hasSame(now.minus({ days: 1 }), 'day'),
  is_tomorrow: (date, now) => date.hasSame(now.plus({ days: 1 }), 'day'),
  is_past: (date, now) => date < now,
  is_future: (date, now) => date > now,
  is_weekend: (date) => date.weekday >= 6,
  is_weekday: (date) => date.weekday <= 5,
};

const WITH_DAYS = /^(within|within_last|within_next|older_than)_(\d{1,6})_days?$/;

/**
 * Evaluates a Carbon-style condition (see CARBON_CONDITIONS; N is a whole number of days) on `date`,
 * with `now` as the present. Calendar questions (today, weekend) are answered in `now`'s time zone.
 * Returns null when the condition is not one of the supported names.
 */
export function checkCarbonCondition(date: DateTime, condition: string, now: DateTime): boolean | null {
  const local = date.setZone(now.zone);
  const fixed = Object.hasOwn(FIXED, condition) ? FIXED[condition] : undefined;
  if (fixed) return fixed(local, now);
  const match = WITH_DAYS.exec(condition);
  if (!match) return null;
  const days = Number(match[2]);
  const from = now.minus({ days });
  const to = now.plus({ days });
  switch (match[1]) {
    case 'within':
      return local >= from && local <= to;
    case 'within_last':
      return local >= from && local <= now;
    case 'within_next':
      return local >= now && local <= to;
    default:
      return local < from;
  }
}
