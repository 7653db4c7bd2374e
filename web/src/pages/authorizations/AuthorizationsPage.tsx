import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { CopyButton } from '../../components/CopyButton.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Modal } from '../../components/Modal.js';
import { RelativeTime } from '../../components/RelativeTime.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { Page } from '../../layout/Page.js';

const AUTHORIZATIONS = ['authorizations'] as const;

/** Delegated access: a user confirms a link, and workflows using the authorization act as that user. */
export function AuthorizationsPage() {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: AUTHORIZATIONS,
    queryFn: () => unwrap(api.GET('/workflows/authorization')),
  });
  const [link, setLink] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: AUTHORIZATIONS });
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/workflows/authorization', {})),
    onSuccess: (created) => {
      setLink(created.url);
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (authId: string) =>
      unwrap(api.DELETE('/workflows/authorization/{authId}', { params: { path: { authId } } })),
    onSuccess: () => {
      setDeleting(null);
      return refresh();
    },
  });
  const newButton = (
    <button
      type="button"
      className="btn btn-primary"
      onClick={() => create.mutate()}
      disabled={create.isPending}
    >
      New authorization
    </button>
  );

  return (
    <Page
      title="Authorizations"
      subtitle="Let workflows act as a user: the user confirms a one-time link while signed in."
      actions={newButton}
    >
      <ErrorNotice error={list.error ?? create.error} />
      <div className="card">
        {list.isPending ? (
          <div className="empty">Loading authorizations…</div>
        ) : !list.data?.length ? (
          <EmptyState title="No authorizations yet">
            <p>Create one, send its link to the user, then pick it in a workflow’s settings.</p>
            {newButton}
          </EmptyState>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Id</th>
                <th>User</th>
                <th>Status</th>
                <th>Created</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => (
                <tr key={a.id}>
                  <td>
                    <code>{a.id}</code>
                  </td>
                  <td>{a.user_id ?? <span className="muted">not confirmed yet</span>}</td>
                  <td>
                    <StatusBadge status={a.status === 'active' ? 'success' : 'pending'} />{' '}
                    <span className="visually-hidden">{a.status}</span>
                  </td>
                  <td>
                    <RelativeTime iso={a.created_at} />
                  </td>
                  <td style={{ textAlign: 'right' }}>
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      onClick={() => setDeleting(a.id)}
                      aria-label={`Delete ${a.id}`}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <Modal
        title="Send this link to the user"
        open={link !== null}
        onClose={() => setLink(null)}
        footer={
          <button type="button" className="btn btn-primary" onClick={() => setLink(null)}>
            Done
          </button>
        }
      >
        <p style={{ margin: 0 }}>
          They open it while signed in to this organization and confirm. It works once, for one hour.
        </p>
        <div className="row">
          <code className="grow" style={{ wordBreak: 'break-all' }}>
            {link}
          </code>
          {link && <CopyButton text={link} />}
        </div>
      </Modal>
      <ConfirmDialog
        title="Delete this authorization?"
        open={deleting !== null}
        confirmLabel="Delete authorization"
        busy={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
      >
        Runs of workflows that use <code>{deleting}</code> will fail before their first node until they use
        another.
      </ConfirmDialog>
    </Page>
  );
}
