import { Link, useParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Page } from '../../layout/Page.js';
import { useWorkflow } from './queries.js';
import { RunList } from './RunList.js';

/** /ui/workflows/:workflowId/runs: one workflow's runs. */
export default function WorkflowRunsPage() {
  const { workflowId = '' } = useParams();
  const workflow = useWorkflow(workflowId);
  const name = workflow.data?.name;
  return (
    <Page
      title={name ? `Runs of ${name}` : 'Runs'}
      subtitle={
        <>
          <Link to="/runs">All runs</Link> · newest first
        </>
      }
      actions={
        <Link className="btn" to={`/workflows/${workflowId}`}>
          Open in editor
        </Link>
      }
    >
      <ErrorNotice error={workflow.error} title="The workflow could not be loaded" />
      {!workflow.error && <RunList workflowId={workflowId} />}
    </Page>
  );
}
