import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { keys } from '../../api/queries.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Modal } from '../../components/Modal.js';

/** "New workflow": a name, then the editor opens on a workflow holding one manual trigger. */
export function NewWorkflowButton() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const created = await unwrap(
        api.POST('/workflows', {
          body: {
            name,
            nodes: [
              {
                id: 'n1',
                type: 'manual_trigger',
                position: { x: 0, y: 0 },
                data: { componentId: 'manual_trigger' },
              },
            ],
            edges: [],
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: keys.workflows });
      setOpen(false);
      navigate(`/workflows/${created.id}`);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
        New workflow
      </button>
      <Modal title="New workflow" open={open} onClose={() => setOpen(false)}>
        <form className="stack" onSubmit={create} id="new-workflow">
          <div className="field">
            <label htmlFor="new-workflow-name">Name</label>
            <input
              id="new-workflow-name"
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={255}
              // biome-ignore lint/a11y/noAutofocus: the dialog exists to ask for this one field
              autoFocus
            />
            <span className="hint">It starts with a manual trigger; change it in the editor.</span>
          </div>
          <ErrorNotice error={error} title="Could not create the workflow" />
          <div className="row" style={{ justifyContent: 'flex-end' }}>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={!name.trim()}>
              Create and open
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}
