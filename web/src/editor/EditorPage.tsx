import '@xyflow/react/dist/style.css';
import '../graph/graph.css';
import './palette.css';
import './editor.css';
import { ReactFlowProvider } from '@xyflow/react';
import { useParams } from 'react-router';
import { useComponents } from '../api/queries.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Page } from '../layout/Page.js';
import { Editor } from './Editor.js';
import { useWorkflow } from './queries.js';

/** `/ui/workflows/:workflowId`: loads the workflow and the component catalogue, then the editor. */
export default function EditorPage() {
  const { workflowId = '' } = useParams();
  const workflow = useWorkflow(workflowId);
  const catalogue = useComponents();
  const error = workflow.error ?? catalogue.error;
  if (error) {
    return (
      <Page title="Workflow">
        <ErrorNotice error={error} title="Could not open this workflow" />
      </Page>
    );
  }
  if (!workflow.data || !catalogue.data) return <div className="empty">Loading the editor…</div>;
  return (
    <ReactFlowProvider>
      <Editor key={workflow.data.id} workflow={workflow.data} catalogue={catalogue.data} />
    </ReactFlowProvider>
  );
}
