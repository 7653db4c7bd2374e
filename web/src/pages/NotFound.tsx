import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState.js';
import { Page } from '../layout/Page.js';

export function NotFound() {
  return (
    <Page title="Not found">
      <EmptyState title="There is nothing at this address">
        <Link to="/workflows" className="btn btn-primary">
          Go to workflows
        </Link>
      </EmptyState>
    </Page>
  );
}
