import { expect, it } from 'vitest';
import { operationIdFor } from './operation-id.js';

it.each([
  ['GET', '/workflows', 'getWorkflows'],
  ['GET', '/workflows/:workflowId', 'getWorkflow'],
  ['GET', '/workflows/:workflowId/executions', 'getWorkflowExecutions'],
  ['POST', '/workflows/runs/:runId/rerun', 'postWorkflowsRunRerun'],
  ['POST', '/workflows/runs/:runId/resume-from/:nodeId', 'postWorkflowsRunResumeFromByNodeId'],
  ['GET', '/workflows/logs/recent', 'getWorkflowsLogsRecent'],
  ['POST', '/workflows/webhooks/:webhookToken', 'postWorkflowsWebhook'],
  ['GET', '/openapi.json', 'getOpenapiJson'],
  ['GET', '/workflows/vault/:vaultId', 'getWorkflowsVaultByVaultId'],
])('%s %s → %s', (method, url, id) => {
  expect(operationIdFor(method, url)).toBe(id);
});
