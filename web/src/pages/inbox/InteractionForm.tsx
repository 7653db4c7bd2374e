import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
/** What a waiting run asks a person (GET /workflows/runs/{runId}/interactions). */
export type Interaction = Awaited<ReturnType<typeof loadInteractions>>[number];

type Field = Interaction['form']['fields'][number];
type Values = Record<string, unknown>;

export function loadInteractions(runId: string) {
  return unwrap(api.GET('/workflows/runs/{runId}/interactions', { params: { path: { runId } } }));
}

/** A field is shown (and can be required) only while its `visible_when` condition holds. */
function visible(field: Field, values: Values): boolean {
  const rule = field.visible_when;
  if (!rule) return true;
  const value = values[rule.field];
  if ('equals' in rule && rule.equals !== undefined) return value === rule.equals;
  if ('not_equals' in rule && rule.not_equals !== undefined) return value !== rule.not_equals;
  if (rule.in) return rule.in.includes(value);
  return Boolean(value);
}

/** Renders a waiting form from its definition and answers it; the run continues down the chosen button. */
export function InteractionForm({
  interaction,
  onAnswered,
  showTitle = true,
}: {
  interaction: Interaction;
  onAnswered?: () => void;
  /** Off where the surrounding card already shows the title. */
  showTitle?: boolean;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries(interaction.form.fields.map((f) => [f.name, f.type === 'checkbox' ? false : ''])),
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError =
    error instanceof ApiError && error.param?.startsWith('values.') ? error.param.slice(7) : null;

  async function answer(button: string, event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    const shown = Object.fromEntries(
      interaction.form.fields
        .filter((f) => visible(f, values))
        .map((f) => [
          f.name,
          f.type === 'number' && values[f.name] !== '' ? Number(values[f.name]) : values[f.name],
        ])
        .filter(([, v]) => v !== ''),
    );
    try {
      await unwrap(
        api.POST('/workflows/runs/{runId}/interactions/{nodeId}', {
          params: { path: { runId: interaction.run_id, nodeId: interaction.node_id } },
          body: { button, values: shown },
        }),
      );
      await queryClient.invalidateQueries();
      onAnswered?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const set = (name: string, value: unknown) => setValues((v) => ({ ...v, [name]: value }));
  return (
    <form
      className="stack interaction-form"
      onSubmit={(e) => e.preventDefault()}
      aria-label={interaction.form.title}
    >
      {showTitle && <h3>{interaction.form.title}</h3>}
      {interaction.form.description && <p className="muted">{interaction.form.description}</p>}
      {interaction.form.fields
        .filter((f) => visible(f, values))
        .map((field) => {
          const inputId = `${id}-${field.name}`;
          const invalid = fieldError === field.name;
          const common = {
            id: inputId,
            name: field.name,
            required: field.required,
            'aria-invalid': invalid || undefined,
            'aria-describedby': field.help ? `${inputId}-help` : undefined,
          };
          return (
            <div className="field" key={field.name}>
              {field.type === 'checkbox' ? (
                <label className="row" htmlFor={inputId}>
                  <input
                    {...common}
                    type="checkbox"
                    checked={Boolean(values[field.name])}
                    onChange={(e) => set(field.name, e.target.checked)}
                  />
                  {field.label}
                </label>
              ) : (
                <>
                  <label htmlFor={inputId}>
                    {field.label}
                    {field.required && <span aria-hidden="true"> *</span>}
                  </label>
                  {field.type === 'textarea' ? (
                    <textarea
                      {...common}
                      className="textarea"
                      rows={3}
                      value={String(values[field.name] ?? '')}
                      placeholder={field.placeholder}
                      onChange={(e) => set(field.name, e.target.value)}
                    />
                  ) : field.type === 'select' ? (
                    <select
                      {...common}
                      className="select"
                      value={String(values[field.name] ?? '')}
                      onChange={(e) => set(field.name, e.target.value)}
                    >
                      <option value="">Choose…</option>
                      {field.options?.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      {...common}
                      className="input"
                      type={field.type === 'text' ? 'text' : field.type}
                      value={String(values[field.name] ?? '')}
                      placeholder={field.placeholder}
                      onChange={(e) => set(field.name, e.target.value)}
                    />
                  )}
                </>
              )}
              {field.help && (
                <span className="hint" id={`${inputId}-help`}>
                  {field.help}
                </span>
              )}
            </div>
          );
        })}
      <ErrorNotice
        error={error}
        title={error instanceof ApiError && error.status === 409 ? 'Already settled' : 'Not sent'}
      />
      <div className="row">
        {interaction.form.buttons.map((button, i) => (
          <button
            key={button.id}
            type="submit"
            className={i === 0 ? 'btn btn-primary' : 'btn'}
            disabled={busy}
            onClick={(e) => answer(button.id, e)}
          >
            {button.label}
          </button>
        ))}
      </div>
    </form>
  );
}
