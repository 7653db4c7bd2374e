import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Modal } from '../components/Modal.js';

/** "Run": a JSON payload that becomes the trigger's output. */
export function RunDialog({
  open,
  dirty,
  onClose,
  onRun,
}: {
  open: boolean;
  dirty: boolean;
  onClose(): void;
  onRun(context: Record<string, unknown>): Promise<void>;
}) {
  const [text, setText] = useState('{\n  \n}');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  let context: Record<string, unknown> | null = null;
  let problem: string | null = null;
  try {
    const value = JSON.parse(text.trim() || '{}');
    if (value && typeof value === 'object' && !Array.isArray(value)) context = value;
    else problem = 'The payload must be a JSON object.';
  } catch (e) {
    problem = `Not valid JSON: ${(e as Error).message}`;
  }
  const label = dirty ? 'Save and run' : 'Run';
  return (
    <Modal
      title="Run workflow"
      open={open}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!context || busy}
            onClick={async () => {
              if (!context) return;
              setBusy(true);
              setError(null);
              try {
                await onRun(context);
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? 'Starting…' : label}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor="run-payload">Payload (JSON)</label>
        <textarea
          id="run-payload"
          className="textarea"
          rows={10}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby="run-payload-hint"
          spellCheck={false}
        />
        <span id="run-payload-hint" className={problem ? 'hint hint-error' : 'hint'}>
          {problem ?? 'Becomes the trigger’s output: later nodes read it as {{ trigger_id.field }}.'}
        </span>
      </div>
      {dirty && <p className="muted">You have unsaved changes: they are saved first, then the run starts.</p>}
      <ErrorNotice error={error} title="Could not start the run" />
    </Modal>
  );
}
