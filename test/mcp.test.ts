import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from './helpers/cli.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, node, waitForRun } from './helpers/workflows.js';

/** MCP through the SDK's own client: the server's /mcp endpoint and `stratoflow mcp` on stdio. */
let t: TestServer;
let lookup: { id: string };
beforeAll(async () => {
  ensureBuilt();
  t = await startTestServer();
  lookup = await createWorkflow(t, {
    name: 'Site lookup',
    description: 'Looks a site up by id and answers its label.',
    nodes: [
      node('n1', 'sync_request_trigger', {
        input_schema: { type: 'object', properties: { site_id: { type: 'string' } }, required: ['site_id'] },
      }),
      node('n2', 'text_transform', { template: '{"label": "Site {{ n1.payload.site_id }}"}' }),
    ],
    edges: [edge('n1', 'n2')],
  });
  await createWorkflow(t, {
    name: 'Inactive sync',
    is_active: false,
    nodes: [node('n1', 'sync_request_trigger'), node('n2', 'text_transform', { template: 'x' })],
    edges: [edge('n1', 'n2')],
  });
  await createWorkflow(t, {
    name: 'Manual',
    nodes: [node('n1', 'manual_trigger'), node('n2', 'text_transform', { template: 'hi {{ n1.who }}' })],
    edges: [edge('n1', 'n2')],
  });
}, 120_000);
afterAll(async () => t.close());

async function httpClient(org: string): Promise<Client> {
  const token = await t.token(org);
  const transport = new StreamableHTTPClientTransport(new URL(`${t.url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: 'stratoflow-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  return (result.content as { type: string; text: string }[])[0]?.text ?? '';
}

/** What both transports must do: the same tools, calls and results. */
async function exercise(client: Client) {
  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name).sort()).toEqual([
    'get_run',
    'list_workflows',
    'site_lookup',
    'start_run',
  ]);
  const tool = tools.find((x) => x.name === 'site_lookup');
  expect(tool).toMatchObject({
    description: 'Looks a site up by id and answers its label.',
    inputSchema: { type: 'object', properties: { site_id: { type: 'string' } }, required: ['site_id'] },
  });

  const answer = await client.callTool({ name: 'site_lookup', arguments: { site_id: 'hq' } });
  expect(answer.isError).toBeFalsy();
  expect(JSON.parse(textOf(answer))).toEqual({ label: 'Site hq' });
  const refused = await client.callTool({ name: 'site_lookup', arguments: {} });
  expect(refused.isError).toBe(true);
  expect(textOf(refused)).toContain('site_id is required');

  const listed = JSON.parse(textOf(await client.callTool({ name: 'list_workflows', arguments: {} })));
  expect(listed.map((w: { name: string }) => w.name).sort()).toEqual([
    'Inactive sync',
    'Manual',
    'Site lookup',
  ]);
  expect(listed.find((w: { name: string }) => w.name === 'Manual')).toMatchObject({
    trigger: 'manual_trigger',
    is_active: true,
  });

  const manual = listed.find((w: { name: string }) => w.name === 'Manual');
  const started = JSON.parse(
    textOf(
      await client.callTool({
        name: 'start_run',
        arguments: { workflow_id: manual.id, context: { who: 'mcp' } },
      }),
    ),
  );
  expect(started.id).toMatch(/^fl_run_/);
  await waitForRun(t, started.id);
  const run = JSON.parse(
    textOf(await client.callTool({ name: 'get_run', arguments: { run_id: started.id } })),
  );
  expect(run).toMatchObject({ id: started.id, status: 'completed' });
  expect(run.logs.map((l: { node_id: string }) => l.node_id)).toEqual(['n1', 'n2']);
  expect(run.logs[1].output).toEqual({ text: 'hi mcp' });
  return started.id as string;
}

describe('HTTP endpoint /mcp', () => {
  it('lists the org’s sync workflows as tools, calls them, starts and reads runs', async () => {
    const client = await httpClient('org_a');
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });

  it("another organization's token sees none of them and cannot read their runs", async () => {
    const owner = await httpClient('org_a');
    const runId = JSON.parse(
      textOf(
        await owner.callTool({
          name: 'start_run',
          arguments: { workflow_id: lookup.id, context: { site_id: 'x' } },
        }),
      ),
    ).id;
    await owner.close();
    const other = await httpClient('org_other');
    try {
      const { tools } = await other.listTools();
      expect(tools.map((x) => x.name).sort()).toEqual(['get_run', 'list_workflows', 'start_run']);
      expect(JSON.parse(textOf(await other.callTool({ name: 'list_workflows', arguments: {} })))).toEqual([]);
      const call = await other.callTool({ name: 'site_lookup', arguments: { site_id: 'hq' } });
      expect(call).toMatchObject({ isError: true });
      expect(textOf(call)).toBe("Unknown tool 'site_lookup'.");
      const read = await other.callTool({ name: 'get_run', arguments: { run_id: runId } });
      expect(read.isError).toBe(true);
      expect(textOf(read)).toContain('Run not found');
      const start = await other.callTool({ name: 'start_run', arguments: { workflow_id: lookup.id } });
      expect(start.isError).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('needs a bearer token', async () => {
    const res = await fetch(`${t.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    const client = new Client({ name: 'anonymous', version: '1.0.0' });
    await expect(
      client.connect(new StreamableHTTPClientTransport(new URL(`${t.url}/mcp`))),
    ).rejects.toThrow();
  });
});

describe('stratoflow mcp (stdio)', () => {
  it('serves the same tools through the REST client', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp'],
      env: { PATH: process.env.PATH ?? '', STRATOFLOW_URL: t.url, STRATOFLOW_TOKEN: await t.token('org_a') },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'stratoflow-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });
});
