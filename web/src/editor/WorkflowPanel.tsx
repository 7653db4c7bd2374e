import { CopyButton } from '../components/CopyButton.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import type { Issue } from './issues.js';
import { useAuthorizations } from './queries.js';
import type { WorkflowSettings } from './settings.js';

const SCHEDULE_TYPES = ['manual', 'interval', 'cron', 'daily', 'weekly', 'monthly'];
const SCHEDULE_HINTS: Record<string, string> = {
  interval: 'e.g. "5 minutes", "1 hour"',
  cron: 'five fields, e.g. "0 9 * * 1"',
  daily: 'time of day, e.g. "09:00"',
  weekly: 'day and time, e.g. "mon 09:00"',
  monthly: 'day of month and time, e.g. "15 09:00"',
};

/** The workflow itself: name, description, active, schedule, authorization, its endpoints and problems. */
export function WorkflowPanel({
  workflowId,
  settings,
  onChange,
  triggerComponent,
  webhookUrl,
  issues,
  onShowNode,
  selectedCount,
}: {
  workflowId: string;
  settings: WorkflowSettings;
  onChange(settings: WorkflowSettings): void;
  triggerComponent: string | undefined;
  webhookUrl: string | null;
  issues: readonly Issue[];
  onShowNode(nodeId: string): void;
  selectedCount: number;
}) {
  const authorizations = useAuthorizations();
  const set = <K extends keyof WorkflowSettings>(key: K, value: WorkflowSettings[K]) =>
    onChange({ ...settings, [key]: value });
  const syncUrl = `${window.location.origin}/workflows/sync/${workflowId}`;
  return (
    <div className="panel-scroll">
      <header className="panel-header">
        <div className="panel-kind">workflow</div>
        <h2>Workflow settings</h2>
        <p className="muted">
          {selectedCount > 1
            ? `${selectedCount} nodes selected: copy, delete or move them together.`
            : 'Select a node on the canvas to edit it.'}
        </p>
      </header>
      {issues.length > 0 && (
        <section className="panel-section" aria-labelledby="problems-heading">
          <h3 id="problems-heading">Problems</h3>
          <ul className="issue-list problems">
            {issues.map((issue) => (
              <li key={issue.message}>
                {issue.nodeId ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onShowNode(issue.nodeId as string)}
                  >
                    {issue.message}
                  </button>
                ) : (
                  issue.message
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {(triggerComponent === 'webhook_trigger' || triggerComponent === 'sync_request_trigger') && (
        <section className="panel-section" aria-labelledby="endpoint-heading">
          <h3 id="endpoint-heading">Endpoint</h3>
          {triggerComponent === 'webhook_trigger' &&
            (webhookUrl ? (
              <div className="field">
                <span className="label">Webhook URL (POST; keep it secret)</span>
                <div className="copy-row">
                  <code className="endpoint">{webhookUrl}</code>
                  <CopyButton text={webhookUrl} />
                </div>
              </div>
            ) : (
              <p className="muted">Save to get this workflow's webhook URL.</p>
            ))}
          {triggerComponent === 'sync_request_trigger' && (
            <div className="field">
              <span className="label">Synchronous API (POST with a bearer token or wfk_ key)</span>
              <div className="copy-row">
                <code className="endpoint">POST {syncUrl}</code>
                <CopyButton text={syncUrl} />
              </div>
            </div>
          )}
        </section>
      )}
      <section className="panel-section" aria-label="General">
        <div className="field">
          <label htmlFor="wf-name">Name</label>
          <input
            id="wf-name"
            className="input"
            value={settings.name}
            maxLength={255}
            onChange={(e) => set('name', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="wf-description">Description</label>
          <textarea
            id="wf-description"
            className="input"
            rows={2}
            value={settings.description}
            onChange={(e) => set('description', e.target.value)}
          />
        </div>
        <label className="check">
          <span className="switch">
            <input
              type="checkbox"
              role="switch"
              aria-checked={settings.is_active}
              checked={settings.is_active}
              onChange={(e) => set('is_active', e.target.checked)}
            />
            <span />
          </span>
          <span>
            Active {settings.is_active ? '— triggers and schedules fire' : '— nothing fires it but Run'}
          </span>
        </label>
      </section>
      <section className="panel-section" aria-labelledby="schedule-heading">
        <h3 id="schedule-heading">Schedule</h3>
        <div className="field">
          <label htmlFor="wf-schedule-type">Runs</label>
          <select
            id="wf-schedule-type"
            className="select"
            value={settings.schedule_type}
            onChange={(e) => set('schedule_type', e.target.value)}
          >
            {SCHEDULE_TYPES.map((t) => (
              <option key={t} value={t}>
                {t === 'manual' ? 'when triggered (no schedule)' : t}
              </option>
            ))}
          </select>
        </div>
        {settings.schedule_type !== 'manual' && (
          <>
            <div className="field">
              <label htmlFor="wf-schedule-value">Value</label>
              <input
                id="wf-schedule-value"
                className="input"
                value={settings.schedule_value}
                onChange={(e) => set('schedule_value', e.target.value)}
                aria-describedby="wf-schedule-hint"
              />
              <span className="hint" id="wf-schedule-hint">
                {SCHEDULE_HINTS[settings.schedule_type]}
              </span>
            </div>
            <div className="field">
              <label htmlFor="wf-schedule-tz">Time zone</label>
              <input
                id="wf-schedule-tz"
                className="input"
                placeholder="UTC"
                value={settings.schedule_timezone}
                onChange={(e) => set('schedule_timezone', e.target.value)}
              />
            </div>
          </>
        )}
      </section>
      <section className="panel-section" aria-labelledby="auth-heading">
        <h3 id="auth-heading">Authorization</h3>
        <div className="field">
          <label htmlFor="wf-authorization">Acts with</label>
          <select
            id="wf-authorization"
            className="select"
            value={settings.authorization_id}
            onChange={(e) => set('authorization_id', e.target.value)}
          >
            <option value="">No authorization</option>
            {settings.authorization_id &&
              !authorizations.data?.some((a) => a.id === settings.authorization_id) && (
                <option value={settings.authorization_id}>{settings.authorization_id}</option>
              )}
            {authorizations.data?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id} ({a.status}
                {a.user_id ? `, ${a.user_id}` : ''})
              </option>
            ))}
          </select>
        </div>
        <ErrorNotice error={authorizations.error} title="Could not list the authorizations" />
      </section>
    </div>
  );
}
