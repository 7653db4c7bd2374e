import { EmptyState } from '../components/EmptyState.js';
import { Page } from '../layout/Page.js';

/** A page not built yet (removed once every page exists). */
export function Placeholder({ title }: { title: string }) {
  return (
    <Page title={title}>
      <EmptyState title={`${title} is coming`} />
    </Page>
  );
}
