const UNITS: Record<string, string> = {
  daily: 'Every day at',
  weekly: 'Every week on',
  monthly: 'Every month on day',
};

/** "Every 5 minutes", "Every day at 09:00 (Europe/Paris)", "cron 0 9 * * 1", or "Manual". */
export function scheduleSummary(w: {
  schedule_type: string | null;
  schedule_value: string | null;
  schedule_timezone: string | null;
}): string {
  if (!w.schedule_type || w.schedule_type === 'manual') return 'Manual';
  const zone = w.schedule_timezone && w.schedule_timezone !== 'UTC' ? ` (${w.schedule_timezone})` : '';
  if (w.schedule_type === 'interval') return `Every ${w.schedule_value ?? '?'}`;
  if (w.schedule_type === 'cron') return `Cron ${w.schedule_value ?? '?'}${zone}`;
  return `${UNITS[w.schedule_type] ?? w.schedule_type} ${w.schedule_value ?? ''}${zone}`;
}
