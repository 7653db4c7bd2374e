import type { FastifyPluginAsync } from 'fastify';
import type { WorkflowRecord } from '../../domain/types.js';
import type { RunService } from '../../engine/run-service.js';
import type { SyncService } from '../../engine/sync-service.js';
import type { WorkflowService } from '../../engine/workflow-service.js';
import type { InputSchema } from '../../nodes/triggers/input-schema.js';
import { principalOf } from '../auth/hook.js';
import { presentRun } from '../present.js';
import type { McpBackend } from './tools.js';

export interface McpRoutesOptions {
  workflows: WorkflowService;
  runs: RunService;
  sync: SyncService;
  version: string;
}

function syncInputSchema(w: WorkflowRecord): InputSchema {
  const trigger = w.definition.nodes.find((n) => n.data.componentId === 'sync_request_trigger');
  return trigger?.data.input_schema as InputSchema;
}

/** The tools' backend for one organization, straight on the engine's services. */
function serviceBackend(options: McpRoutesOptions, orgId: string): McpBackend {
  return {
    async listWorkflows() {
      return (await options.workflows.list(orgId)).map((w) => ({
        id: w.id,
        name: w.name,
        description: w.description,
        is_active: w.isActive,
        trigger: w.triggerComponent,
      }));
    },
    async syncWorkflows() {
      return (await options.workflows.list(orgId))
        .filter((w) => w.isActive && w.triggerComponent === 'sync_request_trigger')
        .map((w) => ({
          id: w.id,
          name: w.name,
          description: w.description,
          inputSchema: syncInputSchema(w),
        }));
    },
    async callSync(workflowId, input) {
      return (await options.sync.execute(orgId, workflowId, input)).body;
    },
    async startRun(workflowId, context) {
      return presentRun((await options.runs.execute(orgId, workflowId, context)).run);
    },
    async getRun(runId) {
      const { run, logs } = await options.runs.getRunWithLogs(orgId, runId);
      return presentRun(run, logs);
    },
  };
}

/**
 * `POST /mcp`: the Model Context Protocol over Streamable HTTP, stateless (a server per request), behind
 * the same bearer auth as the API; the tools see the token's organization only.
 */
export const mcpRoutes: FastifyPluginAsync<McpRoutesOptions> = async (app, options) => {
  app.post('/mcp', { schema: { hide: true } }, async (request, reply) => {
    const { orgId } = principalOf(request);
    // Loaded on first use: the MCP SDK (and the web framework it brings) is ~20 MB a server that is
    // never asked over MCP would hold for nothing.
    const [{ StreamableHTTPServerTransport }, { createMcpServer }] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
      import('./tools.js'),
    ]);
    const server = createMcpServer(serviceBackend(options, orgId), options.version);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });
  // Stateless: no server-initiated stream and no session to end.
  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method,
      url: '/mcp',
      schema: { hide: true },
      handler: async (_request, reply) =>
        reply
          .code(405)
          .header('allow', 'POST')
          .send({
            jsonrpc: '2.0',
            error: {
              code: -32000,
              message: 'Method not allowed: this MCP endpoint is stateless (POST only).',
            },
            id: null,
          }),
    });
  }
};
