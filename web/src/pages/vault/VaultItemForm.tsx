import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Modal } from '../../components/Modal.js';

export interface VaultItem {
  id: string;
  name: string;
  created_at: string;
  expires_at: string | null;
}

/**
 * Adds a vault item or replaces one's value. The value lives only in an uncontrolled password input and
 * is cleared from it as soon as the request is sent: it is never rendered back into the page.
 */
export function VaultItemForm({
  item,
  onClose,
  onSaved,
}: {
  item: VaultItem | 'new' | null;
  onClose: () => void;
  onSaved: (generated: { name: string; secret: string } | null) => void;
}) {
  const id = useId();
  const secretRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const isNew = item === 'new';
  const isApiKey = name.trim().startsWith('api-key:');

  useEffect(() => {
    setName(item && item !== 'new' ? item.name : '');
    setExpires('');
    setError(null);
  }, [item]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = secretRef.current;
    const secret = input?.value ?? '';
    if (input) input.value = '';
    setBusy(true);
    setError(null);
    try {
      if (isNew) {
        const created = await unwrap(
          api.POST('/workflows/vault', {
            body: {
              name: name.trim(),
              ...(isApiKey ? {} : { secret }),
              expires_at: expires ? new Date(expires).toISOString() : null,
            },
          }),
        );
        onSaved(created.secret ? { name: created.name, secret: created.secret } : null);
      } else if (item) {
        await unwrap(
          api.PUT('/workflows/vault/{vaultId}', {
            params: { path: { vaultId: item.id } },
            body: { name: name.trim(), secret },
          }),
        );
        onSaved(null);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={isNew ? 'Add a secret' : `Replace the value of ${item?.name ?? ''}`}
      open={item !== null}
      onClose={onClose}
    >
      <form className="stack" style={{ gap: 12 }} onSubmit={submit} autoComplete="off">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            minLength={3}
            maxLength={50}
            required
            spellCheck={false}
          />
          <span className="hint">
            3–50 characters, unique. Use it as <code>{`{{ vault.${name.trim() || 'name'} }}`}</code>
            {isNew && (
              <>
                ; start with <code>api-key:</code> to generate a key for the synchronous API
              </>
            )}
            .
          </span>
        </div>
        {!isApiKey && (
          <div className="field">
            <label htmlFor={`${id}-secret`}>Value</label>
            <input
              id={`${id}-secret`}
              ref={secretRef}
              className="input"
              type="password"
              maxLength={2000}
              required
              autoComplete="new-password"
            />
            <span className="hint">Stored encrypted. It is never shown again, here or in the API.</span>
          </div>
        )}
        {isNew && (
          <div className="field">
            <label htmlFor={`${id}-expires`}>Expires (optional)</label>
            <input
              id={`${id}-expires`}
              className="input"
              type="datetime-local"
              value={expires}
              onChange={(e) => setExpires(e.target.value)}
            />
            <span className="hint">Nodes reading it afterwards fail with a message saying it expired.</span>
          </div>
        )}
        <ErrorNotice error={error} title="Could not save the secret" />
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !name.trim()}>
            {isApiKey ? 'Generate key' : 'Save secret'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
