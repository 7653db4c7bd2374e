import { useRouteError } from 'react-router';
import { EmptyState } from '../components/EmptyState.js';
import { Page } from '../layout/Page.js';

/** A lazy page's code that no longer exists on the server (it was updated since this tab loaded). */
const isMissingCode = (error: unknown) =>
  error instanceof TypeError && /dynamically imported module|importing a module script/i.test(error.message);

/** What a page that failed to load or render shows, inside the app's frame, with a way out. */
export function PageError() {
  const error = useRouteError();
  const missingCode = isMissingCode(error);
  return (
    <Page title="This page could not open">
      <EmptyState
        title={
          missingCode
            ? 'Stratoflow was updated since this tab opened: reload to get the current web app.'
            : 'Something went wrong while showing this page.'
        }
      >
        {!missingCode && error instanceof Error && <p className="muted">{error.message}</p>}
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </EmptyState>
    </Page>
  );
}
