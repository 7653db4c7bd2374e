import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { keys } from '../../api/queries.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Modal } from '../../components/Modal.js';
import { parseWorkflowFile } from './transfer.js';

/** "Import": a workflow JSON file (as exported here) becomes a new workflow, then opens. */
export function ImportWorkflowButton() {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<unknown>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const workflow = parseWorkflowFile(await file.text());
      const created = await unwrap(api.POST('/workflows', { body: workflow as never }));
      await queryClient.invalidateQueries({ queryKey: keys.workflows });
      navigate(`/workflows/${created.id}`);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        onChange={onFile}
        hidden
        aria-label="Workflow file to import"
        data-testid="import-file"
      />
      <button type="button" className="btn" onClick={() => input.current?.click()}>
        Import
      </button>
      <Modal title="Could not import the workflow" open={error !== null} onClose={() => setError(null)}>
        <ErrorNotice error={error} title="The file was not accepted" />
      </Modal>
    </>
  );
}
