import type { NodeData } from '../graph/catalogue.js';

interface Retry {
  max_attempts?: number;
  backoff_seconds?: number;
  factor?: number;
}

const DEFAULT_RETRY: Retry = { max_attempts: 3, backoff_seconds: 5, factor: 2 };

/** `continue_on_error` and `retry`, which every node may set. */
export function RetryFields({
  nodeId,
  data,
  onChange,
}: {
  nodeId: string;
  data: NodeData;
  onChange(change: (data: NodeData) => NodeData): void;
}) {
  const retry = (data.retry && typeof data.retry === 'object' ? data.retry : null) as Retry | null;
  const setRetry = (patch: Partial<Retry>) =>
    onChange((d) => ({ ...d, retry: { ...(d.retry as Retry | undefined), ...patch } }));
  const number = (key: keyof Retry, label: string, step: number, min: number) => (
    <div className="field">
      <label htmlFor={`${nodeId}-retry-${key}`}>{label}</label>
      <input
        id={`${nodeId}-retry-${key}`}
        className="input"
        type="number"
        min={min}
        step={step}
        value={retry?.[key] ?? ''}
        onChange={(e) => setRetry({ [key]: e.target.value === '' ? undefined : Number(e.target.value) })}
      />
    </div>
  );
  return (
    <div className="stack">
      <label className="check">
        <input
          type="checkbox"
          checked={data.continue_on_error === true}
          onChange={(e) => {
            const on = e.target.checked;
            onChange((d) => {
              const { continue_on_error: _c, ...rest } = d;
              return on ? { ...rest, continue_on_error: true } : (rest as NodeData);
            });
          }}
        />
        <span>
          Continue on error{' '}
          <span className="hint">
            — a failure follows the <code>error</code> output instead of failing the run
          </span>
        </span>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={retry !== null}
          onChange={(e) => {
            const on = e.target.checked;
            onChange((d) => {
              const { retry: _r, ...rest } = d;
              return on ? { ...rest, retry: DEFAULT_RETRY } : (rest as NodeData);
            });
          }}
        />
        <span>Retry when it fails</span>
      </label>
      {retry && (
        <div className="retry-grid">
          {number('max_attempts', 'Attempts', 1, 1)}
          {number('backoff_seconds', 'Wait (s)', 1, 0)}
          {number('factor', 'Factor', 0.5, 1)}
        </div>
      )}
    </div>
  );
}
