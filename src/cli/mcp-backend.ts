import type { McpBackend } from '../api/mcp/tools.js';
import { ApiError, listItems, type StratoflowClient, unwrap } from '../client/index.js';
import { builtinNodes, createNodeRegistry } from '../nodes/registry.js';
import type { InputSchema } from '../nodes/triggers/input-schema.js';

/** API errors reach the MCP caller as one sentence with their code. */
async function api<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError) throw new Error(`${error.code}: ${error.message}`);
    throw error;
  }
}

const registry = createNodeRegistry(builtinNodes());

function triggerOf(w: { nodes?: { data: { componentId: string } }[] }): string {
  const trigger = w.nodes?.find((n) => registry.get(n.data.componentId)?.kind === 'trigger');
  return trigger?.data.componentId ?? 'unknown';
}

/** The tools' backend over the REST client (the token decides the organization). */
export function clientBackend(client: StratoflowClient): McpBackend {
  const get = (id: string) =>
    unwrap(client.GET('/workflows/{workflowId}', { params: { path: { workflowId: id } } }));
  return {
    async listWorkflows() {
      const list = listItems(await api(unwrap(client.GET('/workflows'))));
      // The list omits nodes: each workflow's trigger needs its own read.
      return Promise.all(
        list.map(async (w) => ({
          id: w.id,
          name: w.name,
          description: w.description,
          is_active: w.is_active,
          trigger: triggerOf(await get(w.id)),
        })),
      );
    },
    async syncWorkflows() {
      const list = listItems(await api(unwrap(client.GET('/workflows'))));
      const full = await Promise.all(list.filter((w) => w.is_active).map((w) => get(w.id)));
      return full.flatMap((w) => {
        const trigger = w.nodes?.find((n) => n.data.componentId === 'sync_request_trigger');
        if (!trigger) return [];
        return [
          {
            id: w.id,
            name: w.name,
            description: w.description,
            inputSchema: trigger.data.input_schema as InputSchema,
          },
        ];
      });
    },
    async callSync(workflowId, input) {
      return api(
        unwrap(
          client.POST('/workflows/sync/{workflowId}', { params: { path: { workflowId } }, body: input }),
        ),
      );
    },
    async startRun(workflowId, context) {
      return api(
        unwrap(
          client.POST('/workflows/{workflowId}/execute', {
            params: { path: { workflowId } },
            body: { context },
          }),
        ),
      );
    },
    async getRun(runId) {
      return api(unwrap(client.GET('/workflows/runs/{runId}', { params: { path: { runId } } })));
    },
  };
}
