import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { RelativeTime } from '../../components/RelativeTime.js';
import { Page } from '../../layout/Page.js';
import { OneTimeSecret } from './OneTimeSecret.js';
import { type VaultItem, VaultItemForm } from './VaultItemForm.js';

const VAULT = ['vault'] as const;

/** Vault items: names and dates only. Values go in, never come out. */
export function VaultPage() {
  const queryClient = useQueryClient();
  const items = useQuery({ queryKey: VAULT, queryFn: () => unwrap(api.GET('/workflows/vault')) });
  const [editing, setEditing] = useState<VaultItem | 'new' | null>(null);
  const [deleting, setDeleting] = useState<VaultItem | null>(null);
  const [generated, setGenerated] = useState<{ name: string; secret: string } | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/workflows/vault/{vaultId}', { params: { path: { vaultId: id } } })),
    onSuccess: () => {
      setDeleting(null);
      return queryClient.invalidateQueries({ queryKey: VAULT });
    },
  });
  const now = Date.now();

  return (
    <Page
      title="Vault"
      subtitle={
        <>
          Encrypted secrets, used by name in any template as <code>{'{{ vault.name }}'}</code>. Values are
          write-only.
        </>
      }
      actions={
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          Add secret
        </button>
      }
    >
      <ErrorNotice error={items.error} />
      <div className="card">
        {items.isPending ? (
          <div className="empty">Loading the vault…</div>
        ) : !items.data?.length ? (
          <EmptyState title="The vault is empty">
            <p>
              Add an API key or password, then use it in a node as <code>{'{{ vault.stripe_key }}'}</code>. A
              name starting with <code>api-key:</code> generates a key for the synchronous API instead.
            </p>
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              Add secret
            </button>
          </EmptyState>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Id</th>
                <th>Created</th>
                <th>Expires</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.data.map((item) => {
                const expired = item.expires_at !== null && Date.parse(item.expires_at) <= now;
                return (
                  <tr key={item.id}>
                    <td>
                      <strong>{item.name}</strong>
                    </td>
                    <td>
                      <code>{item.id}</code>
                    </td>
                    <td>
                      <RelativeTime iso={item.created_at} />
                    </td>
                    <td>
                      {item.expires_at === null ? (
                        <span className="muted">never</span>
                      ) : expired ? (
                        <span className="badge badge-error">expired</span>
                      ) : (
                        <RelativeTime iso={item.expires_at} />
                      )}
                    </td>
                    <td>
                      <div className="row" style={{ justifyContent: 'flex-end' }}>
                        {!item.name.startsWith('api-key:') && (
                          <button type="button" className="btn btn-small" onClick={() => setEditing(item)}>
                            Replace value
                          </button>
                        )}
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          onClick={() => setDeleting(item)}
                          aria-label={`Delete ${item.name}`}
                        >
                          Delete
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      <VaultItemForm
        item={editing}
        onClose={() => setEditing(null)}
        onSaved={(secret) => {
          setEditing(null);
          if (secret) setGenerated(secret);
          return queryClient.invalidateQueries({ queryKey: VAULT });
        }}
      />
      <OneTimeSecret value={generated} onClose={() => setGenerated(null)} />
      <ConfirmDialog
        title={`Delete ${deleting?.name ?? ''}?`}
        open={deleting !== null}
        confirmLabel="Delete secret"
        busy={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
      >
        Nodes that read <code>{`{{ vault.${deleting?.name ?? ''} }}`}</code> will fail from their next run.
      </ConfirmDialog>
    </Page>
  );
}
