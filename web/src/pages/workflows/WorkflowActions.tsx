import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client.js';
import { keys } from '../../api/queries.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Modal } from '../../components/Modal.js';
import { downloadJson, fileNameFor, toPortable } from './transfer.js';

interface Row {
  id: string;
  name: string;
}

type Dialog = 'rename' | 'delete' | 'error' | null;

/** A row's "More" menu: rename, duplicate, export, delete. */
export function WorkflowActions({ workflow }: { workflow: Row }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const menu = useRef<HTMLDetailsElement>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [name, setName] = useState(workflow.name);
  const [error, setError] = useState<unknown>(null);
  const path = { params: { path: { workflowId: workflow.id } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.workflows });

  function open(which: Dialog) {
    menu.current?.removeAttribute('open');
    setError(null);
    setName(workflow.name);
    setDialog(which);
  }

  async function run(action: () => Promise<void>) {
    menu.current?.removeAttribute('open');
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
      setDialog('error');
    }
  }

  const exportFile = () =>
    run(async () => {
      const full = await unwrap(api.GET('/workflows/{workflowId}', path));
      downloadJson(fileNameFor(full.name), toPortable(full));
    });
  const duplicate = () =>
    run(async () => {
      const full = await unwrap(api.GET('/workflows/{workflowId}', path));
      const copy = toPortable(full);
      const created = await unwrap(
        api.POST('/workflows', {
          body: { ...copy, name: `${full.name} (copy)`, is_active: false } as never,
        }),
      );
      await refresh();
      navigate(`/workflows/${created.id}`);
    });

  async function rename(event: FormEvent) {
    event.preventDefault();
    try {
      await unwrap(api.PUT('/workflows/{workflowId}', { ...path, body: { name: name.trim() } }));
      setDialog(null);
      await refresh();
    } catch (e) {
      setError(e);
    }
  }

  async function remove() {
    try {
      await unwrap(api.DELETE('/workflows/{workflowId}', path));
      setDialog(null);
      await refresh();
    } catch (e) {
      setError(e);
    }
  }

  const inUse = error instanceof ApiError && error.status === 409;
  return (
    <>
      <details className="menu" ref={menu}>
        <summary className="btn btn-small" aria-label={`More actions for ${workflow.name}`}>
          More
        </summary>
        <div className="menu-items" role="menu">
          <button type="button" role="menuitem" onClick={() => open('rename')}>
            Rename
          </button>
          <button type="button" role="menuitem" onClick={duplicate}>
            Duplicate
          </button>
          <button type="button" role="menuitem" onClick={exportFile}>
            Export as JSON
          </button>
          <button type="button" role="menuitem" className="danger" onClick={() => open('delete')}>
            Delete
          </button>
        </div>
      </details>
      <Modal title="That did not work" open={dialog === 'error'} onClose={() => setDialog(null)}>
        <ErrorNotice error={error} />
      </Modal>
      <Modal title={`Rename ${workflow.name}`} open={dialog === 'rename'} onClose={() => setDialog(null)}>
        <form className="stack" onSubmit={rename}>
          <div className="field">
            <label htmlFor={`rename-${workflow.id}`}>Name</label>
            <input
              id={`rename-${workflow.id}`}
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={255}
            />
          </div>
          <ErrorNotice error={error} title="Could not rename" />
          <div className="row" style={{ justifyContent: 'flex-end' }}>
            <button type="button" className="btn" onClick={() => setDialog(null)}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={!name.trim()}>
              Rename
            </button>
          </div>
        </form>
      </Modal>
      <Modal
        title={inUse ? `${workflow.name} is in use` : `Delete ${workflow.name}?`}
        open={dialog === 'delete'}
        onClose={() => setDialog(null)}
        footer={
          <>
            <button type="button" className="btn" onClick={() => setDialog(null)}>
              {inUse ? 'Close' : 'Cancel'}
            </button>
            {!inUse && (
              <button type="button" className="btn btn-primary" onClick={remove}>
                Delete workflow
              </button>
            )}
          </>
        }
      >
        {inUse ? (
          <p style={{ margin: 0 }}>
            Another workflow starts this one with a <code>trigger_workflow</code> node, so it cannot be
            deleted. Remove that node (or point it elsewhere) first.
          </p>
        ) : (
          <p style={{ margin: 0 }}>Its runs and logs are deleted with it. This cannot be undone.</p>
        )}
        <ErrorNotice error={error} title={inUse ? 'The server said' : 'Could not complete that'} />
      </Modal>
    </>
  );
}
