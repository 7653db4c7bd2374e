import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { type InputSchema, toJsonSchema } from '../../nodes/triggers/input-schema.js';

/** A workflow the MCP tools list: every workflow, with its trigger. */
export interface McpWorkflow {
  id: string;
  name: string;
  description: string | null;
  is_active: boolean;
  trigger: string;
}

/** An active `sync_request_trigger` workflow, exposed as a tool of its own. */
export interface McpSyncWorkflow {
  id: string;
  name: string;
  description: string | null;
  inputSchema: InputSchema;
}

/**
 * What the tools need, for one organization: the server implements it with its services (HTTP
 * endpoint), `stratoflow mcp` with the REST client. Errors thrown carry a message for the caller.
 */
export interface McpBackend {
  listWorkflows(): Promise<McpWorkflow[]>;
  syncWorkflows(): Promise<McpSyncWorkflow[]>;
  callSync(workflowId: string, input: Record<string, unknown>): Promise<unknown>;
  startRun(workflowId: string, context: Record<string, unknown>): Promise<unknown>;
  getRun(runId: string): Promise<unknown>;
}

const FIXED_TOOLS: Tool[] = [
  {
    name: 'list_workflows',
    description: 'List the workflows of your organization: id, name, description, active flag and trigger.',
    inputSchema: { type: 'object', properties: {} },
  },
  {
    name: 'start_run',
    description:
      'Start a run of a workflow asynchronously with an optional context (the trigger payload). Returns the run; read it with get_run.',
    inputSchema: {
      type: 'object',
      properties: {
        workflow_id: { type: 'string', description: 'Workflow id (fl_...)' },
        context: { type: 'object', description: 'Trigger payload', additionalProperties: true },
      },
      required: ['workflow_id'],
    },
  },
  {
    name: 'get_run',
    description: "Read a run's status, error message and node logs (each node's status and output).",
    inputSchema: {
      type: 'object',
      properties: { run_id: { type: 'string', description: 'Run id (fl_run_...)' } },
      required: ['run_id'],
    },
  },
];

/** A tool name from a workflow name: lower-case letters, digits and `_`, at most 64 characters. */
function slug(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return base || 'workflow';
}

/** Sync workflows as tools; a name taken twice (or by a fixed tool) gets the workflow id's tail. */
function workflowTools(workflows: McpSyncWorkflow[]): { tool: Tool; workflowId: string }[] {
  const taken = new Set(FIXED_TOOLS.map((t) => t.name));
  return workflows.map((w) => {
    let name = slug(w.name).slice(0, 57);
    if (taken.has(name)) name = `${name}_${w.id.slice(-6)}`;
    taken.add(name);
    const schema = w.inputSchema === undefined ? {} : toJsonSchema(w.inputSchema);
    return {
      workflowId: w.id,
      tool: {
        name,
        description: w.description ?? `Runs the workflow '${w.name}' (${w.id}) and returns its response.`,
        inputSchema: { ...schema, type: 'object' } as Tool['inputSchema'],
      },
    };
  });
}

const text = (value: unknown): CallToolResult => ({
  content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value) }],
});
const failure = (message: string): CallToolResult => ({
  content: [{ type: 'text', text: message }],
  isError: true,
});

function stringArg(args: Record<string, unknown>, name: string): string {
  const value = args[name];
  if (typeof value !== 'string' || value === '') throw new Error(`'${name}' is required.`);
  return value;
}

/** An MCP server (not yet connected) exposing the backend's workflows as tools. */
export function createMcpServer(backend: McpBackend, version: string): Server {
  const server = new Server({ name: 'stratoflow', version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [...FIXED_TOOLS, ...workflowTools(await backend.syncWorkflows()).map((w) => w.tool)],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const args = (request.params.arguments ?? {}) as Record<string, unknown>;
    try {
      switch (request.params.name) {
        case 'list_workflows':
          return text(await backend.listWorkflows());
        case 'start_run': {
          const context = (args.context ?? {}) as Record<string, unknown>;
          return text(await backend.startRun(stringArg(args, 'workflow_id'), context));
        }
        case 'get_run':
          return text(await backend.getRun(stringArg(args, 'run_id')));
      }
      const match = workflowTools(await backend.syncWorkflows()).find(
        (w) => w.tool.name === request.params.name,
      );
      if (!match) return failure(`Unknown tool '${request.params.name}'.`);
      return text(await backend.callSync(match.workflowId, args));
    } catch (error) {
      return failure(error instanceof Error ? error.message : String(error));
    }
  });
  return server;
}
