import { Page } from '../../layout/Page.js';
import { RunList } from './RunList.js';

/** /ui/runs: the organization's recent runs across workflows. */
export default function RunsPage() {
  return (
    <Page title="Runs" subtitle="Every workflow's runs, newest first. Open one to inspect each node.">
      <RunList />
    </Page>
  );
}
