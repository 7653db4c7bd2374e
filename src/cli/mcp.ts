import type { Command } from 'commander';
import { type GlobalFlags, reportError, resolveRemote, withRemoteFlags } from './remote.js';

/** `stratoflow mcp`: an MCP server on stdio for AI assistants, talking to a Stratoflow server. */
export function registerMcp(program: Command, version: string) {
  withRemoteFlags(program.command('mcp'))
    .description('Serve MCP on stdio: the server’s sync workflows as tools, plus list/start/read runs')
    .action(async (_opts: unknown, command: Command) => {
      const flags = command.optsWithGlobals() as GlobalFlags;
      try {
        const remote = resolveRemote({ ...flags, verbose: false });
        const { createMcpServer } = await import('../api/mcp/tools.js');
        const { clientBackend } = await import('./mcp-backend.js');
        const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
        const server = createMcpServer(clientBackend(remote.api), version);
        await server.connect(new StdioServerTransport());
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
}
