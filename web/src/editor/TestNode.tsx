import { useState } from 'react';
import { api, unwrap } from '../api/client.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { JsonView } from '../components/JsonView.js';
import type { WorkflowNode } from './model.js';

/** "Test node": runs the node alone against a sample context and shows its output here. */
export function TestNode({
  node,
  sampleContext,
  onResult,
}: {
  node: WorkflowNode;
  sampleContext: Record<string, unknown>;
  onResult(output: unknown): void;
}) {
  const [context, setContext] = useState(() => JSON.stringify(sampleContext, null, 2));
  const [result, setResult] = useState<{ output: unknown; handle?: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  let parsed: Record<string, unknown> | null = null;
  let parseError: string | null = null;
  try {
    const value = JSON.parse(context || '{}');
    if (value && typeof value === 'object' && !Array.isArray(value)) parsed = value;
    else parseError = 'The context must be a JSON object keyed by node id.';
  } catch (e) {
    parseError = `Not valid JSON: ${(e as Error).message}`;
  }
  async function run() {
    if (!parsed) return;
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      const answer = await unwrap(api.POST('/workflows/test-node', { body: { node, context: parsed } }));
      setResult(answer);
      onResult(answer.output);
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  }
  const id = `test-context-${node.id}`;
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={id}>Sample context</label>
        <textarea
          id={id}
          className="textarea"
          rows={5}
          value={context}
          onChange={(e) => setContext(e.target.value)}
          aria-invalid={parseError ? true : undefined}
          aria-describedby={`${id}-hint`}
          spellCheck={false}
        />
        <span id={`${id}-hint`} className={parseError ? 'hint hint-error' : 'hint'}>
          {parseError ?? 'Outputs of earlier nodes, keyed by node id (from the last run or earlier tests).'}
        </span>
      </div>
      <div className="row">
        <button type="button" className="btn" onClick={run} disabled={!parsed || running}>
          {running ? 'Testing…' : 'Test node'}
        </button>
        {result?.handle && (
          <span className="muted">
            leaves by <code>{result.handle}</code>
          </span>
        )}
      </div>
      <ErrorNotice error={error} title="The test failed" />
      {result && (
        <div className="test-output" aria-live="polite">
          <JsonView value={result.output} label="Output" />
        </div>
      )}
    </div>
  );
}
