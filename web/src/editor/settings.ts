import type { EditableWorkflow } from './Editor.js';

/** The workflow's own fields the editor changes besides the graph. */
export interface WorkflowSettings {
  name: string;
  description: string;
  is_active: boolean;
  schedule_type: string;
  schedule_value: string;
  schedule_timezone: string;
  authorization_id: string;
}

export function settingsOf(w: EditableWorkflow): WorkflowSettings {
  return {
    name: w.name,
    description: w.description ?? '',
    is_active: w.is_active,
    schedule_type: w.schedule_type ?? 'manual',
    schedule_value: w.schedule_value ?? '',
    schedule_timezone: w.schedule_timezone ?? '',
    authorization_id: w.authorization_id ?? '',
  };
}

type ScheduleType = 'manual' | 'interval' | 'cron' | 'daily' | 'weekly' | 'monthly';

/** The settings as the API takes them: empty text is null, a manual schedule has no value. */
export function settingsBody(s: WorkflowSettings) {
  const manual = s.schedule_type === 'manual';
  return {
    name: s.name,
    description: s.description.trim() ? s.description : null,
    is_active: s.is_active,
    schedule_type: s.schedule_type as ScheduleType,
    schedule_value: manual || !s.schedule_value.trim() ? null : s.schedule_value.trim(),
    schedule_timezone: manual || !s.schedule_timezone.trim() ? null : s.schedule_timezone.trim(),
    authorization_id: s.authorization_id || null,
  };
}
