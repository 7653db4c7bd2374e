/**
 * A stable operationId for every route, derived from its method and path, so generated clients get
 * readable method names without each route spelling one out:
 * `GET /workflows/:workflowId/executions` → `getWorkflowExecutions`,
 * `POST /workflows/runs/:runId/resume-from/:nodeId` → `postWorkflowRunResumeFromByNodeId`.
 */
export function operationIdFor(method: string, url: string): string {
  const words: string[] = [method.toLowerCase()];
  for (const segment of url.split('/').filter(Boolean)) {
    if (segment.startsWith(':')) {
      // A parameter after its collection reads as the item: /workflows/:workflowId → Workflow.
      const previous = words.at(-1);
      const name = segment.slice(1);
      if (previous?.endsWith('s') && name.toLowerCase().startsWith(singular(previous).toLowerCase())) {
        words[words.length - 1] = singular(previous);
      } else {
        words.push('by', name);
      }
      continue;
    }
    words.push(...segment.split(/[-_.]/).filter(Boolean));
  }
  return words.map((word, i) => (i === 0 ? word : word[0]?.toUpperCase() + word.slice(1))).join('');
}

function singular(word: string): string {
  return word.endsWith('s') ? word.slice(0, -1) : word;
}
