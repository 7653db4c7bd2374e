import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Command } from 'commander';
import { ApiError, listItems, type StratoflowClient, unwrap } from '../client/index.js';
import { CliError, EXIT, usageError } from './exit-codes.js';
import { readJsonFile } from './json-input.js';
import { paint, printJson, printTable, relativeTime } from './output.js';
import { remoteAction, withRemoteFlags } from './remote.js';
import { readWorkflowFile } from './workflow-file.js';

type Workflow = Awaited<ReturnType<typeof getWorkflow>>;

/** The fields of a workflow file: what `export` writes and `apply` sends (plus an optional `id`). */
const DEFINITION_FIELDS = [
  'name',
  'description',
  'is_active',
  'authorization_id',
  'schedule_type',
  'schedule_value',
  'schedule_timezone',
  'strict_variables',
  'nodes',
  'edges',
] as const;

async function getWorkflow(api: StratoflowClient, id: string) {
  return unwrap(api.GET('/workflows/{workflowId}', { params: { path: { workflowId: id } } }));
}

/** Any JSON object (the server validates it). */
function readRawFile(path: string): Record<string, unknown> {
  const body = readJsonFile(path, 'workflow file');
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw usageError(`Workflow file ${path} must hold a JSON object.`);
  return body as Record<string, unknown>;
}

function definitionOf(source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of DEFINITION_FIELDS) if (source[field] !== undefined) out[field] = source[field];
  return out;
}

/** The server normalises nodes (position default, type); compare what the file states. */
function sameAsServer(file: Record<string, unknown>, server: Workflow): boolean {
  const current = definitionOf(server as unknown as Record<string, unknown>);
  const normalise = (nodes: unknown) =>
    (nodes as { id: string; type?: string; position?: unknown; data: unknown }[] | undefined)?.map((n) => ({
      id: n.id,
      type: n.type ?? (n.data as { componentId: string }).componentId,
      position: n.position ?? { x: 0, y: 0 },
      data: n.data,
    }));
  return Object.entries(file).every(([key, value]) => {
    if (key === 'nodes') return isDeepStrictEqual(normalise(value), normalise(current.nodes));
    if (key === 'edges') {
      const strip = (edges: unknown) =>
        (edges as Record<string, unknown>[]).map((e) =>
          Object.fromEntries(Object.entries(e).filter(([, v]) => v !== null && v !== undefined)),
        );
      return isDeepStrictEqual(strip(value), strip(current.edges ?? []));
    }
    return isDeepStrictEqual(value, current[key]);
  });
}

/** Finds the workflow a file targets: by `id` when it exists, else by name (must be unique). */
async function findTarget(api: StratoflowClient, file: Record<string, unknown>): Promise<Workflow | null> {
  if (typeof file.id === 'string') {
    try {
      return await getWorkflow(api, file.id);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
    }
  }
  const all = listItems(await unwrap(api.GET('/workflows')));
  const named = all.filter((w) => w.name === file.name);
  if (named.length > 1) {
    throw new CliError(
      'workflow_name_ambiguous',
      `${named.length} workflows are named '${String(file.name)}': add the "id" to the file.`,
    );
  }
  return named[0] ? getWorkflow(api, named[0].id) : null;
}

export type ApplyOutcome = 'created' | 'updated' | 'unchanged';

/** Creates or updates (by id, else by name); a file equal to the server's workflow changes nothing. */
export async function applyWorkflow(api: StratoflowClient, file: Record<string, unknown>) {
  const body = definitionOf(file);
  const target = await findTarget(api, file);
  if (!target) {
    const created = await unwrap(api.POST('/workflows', { body: body as never }));
    return { outcome: 'created' as ApplyOutcome, workflow: created };
  }
  if (sameAsServer(body, target)) return { outcome: 'unchanged' as ApplyOutcome, workflow: target };
  const updated = await unwrap(
    api.PUT('/workflows/{workflowId}', { params: { path: { workflowId: target.id } }, body: body as never }),
  );
  return { outcome: 'updated' as ApplyOutcome, workflow: updated };
}

export function registerWorkflows(program: Command) {
  const workflows = program.command('workflows').description('Manage workflows on a server');

  withRemoteFlags(workflows.command('list'))
    .description('List the workflows of your organization')
    .option('--json', 'print JSON')
    .action(
      remoteAction(async ({ api }, opts: { json?: boolean }) => {
        const list = listItems(await unwrap(api.GET('/workflows')));
        if (opts.json) return printJson(list);
        printTable(
          ['ID', 'NAME', 'ACTIVE', 'SCHEDULE', 'UPDATED'],
          list.map((w) => [
            w.id,
            w.name,
            w.is_active ? 'yes' : 'no',
            w.schedule_type && w.schedule_type !== 'manual' ? `${w.schedule_type} ${w.schedule_value}` : '-',
            relativeTime(w.updated_at),
          ]),
        );
      }),
    );

  withRemoteFlags(workflows.command('get <id>'))
    .description('Show one workflow with its nodes and edges')
    .option('--json', 'print JSON')
    .action(
      remoteAction(async ({ api }, id: string, opts: { json?: boolean }) => {
        const w = await getWorkflow(api, id);
        if (opts.json) return printJson(w);
        printTable(
          ['FIELD', 'VALUE'],
          [
            ['id', w.id],
            ['name', w.name],
            ['description', w.description],
            ['active', w.is_active ? 'yes' : 'no'],
            ['schedule', w.schedule_type ? `${w.schedule_type} ${w.schedule_value ?? ''}`.trim() : null],
            ['next run', relativeTime(w.next_run_at)],
            ['webhook url', w.webhook_url],
            ['updated', relativeTime(w.updated_at)],
          ],
        );
        process.stdout.write('\n');
        printTable(
          ['NODE', 'COMPONENT', 'NEXT'],
          (w.nodes ?? []).map((n) => [
            n.id,
            n.data.componentId,
            (w.edges ?? [])
              .filter((e) => e.source === n.id)
              .map((e) => (e.sourceHandle ? `${e.target} (${e.sourceHandle})` : e.target))
              .join(', '),
          ]),
        );
      }),
    );

  withRemoteFlags(workflows.command('apply'))
    .description('Create or update a workflow from a file (by id, else by name); idempotent')
    .requiredOption('-f, --file <file>', 'workflow JSON file (as written by `workflows export`)')
    .option('--json', 'print the workflow as JSON')
    .action(
      remoteAction(async ({ api }, opts: { file: string; json?: boolean }) => {
        const { body, id } = readWorkflowFile(opts.file);
        const { outcome, workflow } = await applyWorkflow(api, { ...body, ...(id ? { id } : {}) });
        if (opts.json) return printJson({ outcome, workflow });
        process.stdout.write(`${paint('bold', outcome)} ${workflow.id} ${workflow.name}\n`);
      }),
    );

  withRemoteFlags(workflows.command('delete <id>'))
    .description('Delete a workflow with its runs and logs')
    .action(
      remoteAction(async ({ api }, id: string) => {
        await unwrap(api.DELETE('/workflows/{workflowId}', { params: { path: { workflowId: id } } }));
        process.stdout.write(`deleted ${id}\n`);
      }),
    );

  withRemoteFlags(workflows.command('export <id>'))
    .description('Write a workflow as a file `workflows apply` takes (stdout unless -o)')
    .option('-o, --output <file>', 'write to this file')
    .action(
      remoteAction(async ({ api }, id: string, opts: { output?: string }) => {
        const w = await getWorkflow(api, id);
        const text = `${JSON.stringify({ id: w.id, ...definitionOf(w as unknown as Record<string, unknown>) }, null, 2)}\n`;
        if (!opts.output) return void process.stdout.write(text);
        writeFileSync(opts.output, text);
        process.stdout.write(`wrote ${opts.output}\n`);
      }),
    );

  withRemoteFlags(workflows.command('validate'))
    .description('Check a workflow file on the server without saving it; exit 1 when invalid')
    .requiredOption('-f, --file <file>', 'workflow JSON file')
    .option('--json', 'print JSON')
    .action(
      remoteAction(async ({ api }, opts: { file: string; json?: boolean }) => {
        // The server reports every problem, so the file goes as it is (only JSON is required here).
        const body = definitionOf(readRawFile(opts.file));
        const result = await unwrap(api.POST('/workflows/validate', { body }));
        if (opts.json) printJson(result);
        else if (result.valid) process.stdout.write(`${paint('green', 'valid')} ${opts.file}\n`);
        else {
          process.stdout.write(`${paint('red', 'invalid')} ${opts.file}\n`);
          for (const error of result.errors) process.stdout.write(`  - ${error}\n`);
        }
        // References that will not resolve do not make the file invalid, but the author should know.
        if (!opts.json) {
          for (const w of result.warnings) {
            process.stdout.write(`  ${paint('yellow', 'warning')} ${w.param}: ${w.message}\n`);
          }
        }
        return result.valid ? EXIT.ok : EXIT.failed;
      }),
    );
}
