import { type FormEvent, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { takeSignOutReason } from '../api/client.js';
import { decodeIdentity, signIn, signOut } from '../api/session.js';

/**
 * Sign-in: `stratoflow serve` prints a link whose fragment carries a token (taken before this page
 * renders, see main.tsx); here a token can also be pasted. The token is checked against the API.
 */
export function SignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [reason] = useState(takeSignOutReason);
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      decodeIdentity(token);
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    setBusy(true);
    try {
      signIn(token);
      const res = await fetch('/workflows', { headers: { authorization: `Bearer ${token.trim()}` } });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        signOut();
        setError(body?.message ?? `The server refused the token (${res.status}).`);
        return;
      }
      navigate(from, { replace: true });
    } catch {
      signOut();
      setError('The server could not be reached. Is `stratoflow serve` running?');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <div className="card">
        <div className="card-body stack" style={{ gap: 14 }}>
          <div className="row">
            <img src="/ui/favicon.svg" alt="" width={28} height={28} />
            <h1>Sign in to Stratoflow</h1>
          </div>
          {reason && (
            <div className="notice notice-info" role="status">
              <span>
                You were signed out: <strong>{reason}</strong>
              </span>
            </div>
          )}
          <p className="muted" style={{ margin: 0 }}>
            Open the sign-in link that <code>stratoflow serve</code> printed, or paste a bearer token (a JWT
            with <code>sub</code> and <code>org_id</code>). Make one with{' '}
            <code>npx stratoflow token --org ORG --user USER</code>.
          </p>
          <form className="stack" onSubmit={submit}>
            <div className="field">
              <label htmlFor="token">Bearer token</label>
              <textarea
                id="token"
                className="textarea"
                rows={4}
                value={token}
                onChange={(e) => setToken(e.target.value)}
                placeholder="eyJhbGciOiJIUzI1NiIs..."
                autoComplete="off"
                spellCheck={false}
                required
              />
              <span className="hint">Kept in this tab only; closing it signs you out.</span>
            </div>
            {error && (
              <div className="notice notice-error" role="alert">
                {error}
              </div>
            )}
            <div className="row">
              <button type="submit" className="btn btn-primary" disabled={busy || !token.trim()}>
                {busy ? 'Checking…' : 'Sign in'}
              </button>
            </div>
          </form>
        </div>
      </div>
    </div>
  );
}
