import type { WorkflowDefinition } from '../domain/types.js';
import type { DefinitionIssue } from './validate.js';

/** Components that park a run, which a synchronous API call cannot wait for. */
const LONG_RUNNING = new Set(['delay', 'iterator', 'trigger_workflow', 'form']);

/**
 * Extra rules for `sync_request_trigger` workflows: they run inline within the request, so no Delay,
 * Iterator, sub-workflow call or form, and they must end in a `text_transform` whose output is the response.
 */
export function checkSyncWorkflow(def: WorkflowDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  def.nodes.forEach((node, i) => {
    if (LONG_RUNNING.has(node.data.componentId)) {
      issues.push({
        message: `Node '${node.id}' (${node.data.componentId}) is not allowed in a synchronous API workflow.`,
        param: `nodes[${i}].data.componentId`,
      });
    }
  });
  const sources = new Set(def.edges.map((e) => e.source));
  const sinks = def.nodes.filter((n) => !sources.has(n.id) && n.data.componentId !== 'sync_request_trigger');
  if (!sinks.some((n) => n.data.componentId === 'text_transform')) {
    issues.push({
      message:
        'A synchronous API workflow must end in a text_transform node; its output is the response body.',
      param: 'nodes',
    });
  }
  return issues;
}
