/** One problem with the definition, placed on a node and a field of its config when it names them. */
export interface Issue {
  message: string;
  nodeId?: string;
  /** The config field, first segment only (`url`, `cases`). */
  field?: string;
}

/**
 * `POST /workflows/validate` answers sentences; node problems read
 * "Node 'n2' (webhook): url: must be a URL" and edge problems name the node they leave or reach.
 */
export function issueFromMessage(message: string): Issue {
  const nodeMatch = /^Node '([^']+)' \([^)]*\): (?:([A-Za-z_][\w]*)(?:[.[][^:]*)?: )?/.exec(message);
  if (nodeMatch) {
    const issue: Issue = { message, nodeId: nodeMatch[1] as string };
    if (nodeMatch[2]) issue.field = nodeMatch[2];
    return issue;
  }
  const named = /node '([^']+)'/i.exec(message);
  return named ? { message, nodeId: named[1] as string } : { message };
}

/** A save's 422 names its field: `nodes[1].data.url` → the second node, field `url`. */
export function issueFromParam(
  message: string,
  param: string | undefined,
  nodeIds: readonly string[],
): Issue {
  const match = param ? /^nodes\[(\d+)\](?:\.data\.?([A-Za-z_]\w*))?/.exec(param) : null;
  if (!match) return issueFromMessage(message);
  const nodeId = nodeIds[Number(match[1])];
  const issue: Issue = { message };
  if (nodeId) issue.nodeId = nodeId;
  if (match[2] && match[2] !== 'componentId') issue.field = match[2];
  return issue;
}

/** Node id → its problems' messages, for the badges on the canvas. */
export function issuesByNode(issues: readonly Issue[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const issue of issues) {
    if (!issue.nodeId) continue;
    map.set(issue.nodeId, [...(map.get(issue.nodeId) ?? []), issue.message]);
  }
  return map;
}
