import { ApiError, api } from '../api/client.js';
import { type Issue, issueFromParam } from './issues.js';
import type { WorkflowEdge, WorkflowNode } from './model.js';
import { settingsBody, type WorkflowSettings } from './settings.js';

export class SaveError extends Error {
  constructor(
    override readonly cause: ApiError,
    readonly issues: Issue[],
  ) {
    super(cause.message);
  }
}

/** `PUT /workflows/{id}`; a 422 becomes every problem it lists, each placed on its node and field. */
export async function saveWorkflow(
  workflowId: string,
  settings: WorkflowSettings,
  definition: { nodes: WorkflowNode[]; edges: WorkflowEdge[] },
) {
  const { data, error, response } = await api.PUT('/workflows/{workflowId}', {
    params: { path: { workflowId } },
    body: { ...settingsBody(settings), ...definition },
  });
  if (response.ok && data) return data;
  const envelope = (error ?? {}) as {
    code?: string;
    message?: string;
    type?: string;
    param?: string;
    doc_url?: string;
    errors?: Array<{ message?: string; param?: string }>;
  };
  const apiError = new ApiError(response.status, {
    type: envelope.type ?? 'api_error',
    code: envelope.code ?? 'unexpected_response',
    message: envelope.message ?? `The server answered ${response.status}`,
    ...(envelope.param ? { param: envelope.param } : {}),
    ...(envelope.doc_url ? { doc_url: envelope.doc_url } : {}),
  });
  const ids = definition.nodes.map((n) => n.id);
  const listed = envelope.errors?.length
    ? envelope.errors
    : [{ message: envelope.message, param: envelope.param }];
  const issues = listed.map((e) => issueFromParam(e.message ?? apiError.message, e.param, ids));
  throw new SaveError(apiError, response.status === 422 ? issues : []);
}
