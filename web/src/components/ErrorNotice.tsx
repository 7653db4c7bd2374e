import { ApiError, errorMessage } from '../api/client.js';

/** Any error, shown with the API's message, code and a link to its documentation. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  return (
    <div className="notice notice-error" role="alert">
      <div className="stack" style={{ gap: 2 }}>
        <strong>{title ?? 'Something went wrong'}</strong>
        <span>{errorMessage(error)}</span>
        {api && (
          <span className="muted">
            <code>{api.code}</code>
            {api.param && (
              <>
                {' '}
                · field <code>{api.param}</code>
              </>
            )}
            {api.docUrl && (
              <>
                {' '}
                ·{' '}
                <a href={api.docUrl} target="_blank" rel="noreferrer">
                  What does this mean?
                </a>
              </>
            )}
          </span>
        )}
      </div>
    </div>
  );
}
