/** The fields a workflow file carries: what export writes and import (or duplicate) sends back. */
const PORTABLE = [
  'name',
  'description',
  'nodes',
  'edges',
  'is_active',
  'schedule_type',
  'schedule_value',
  'schedule_timezone',
] as const;

export type PortableWorkflow = Record<(typeof PORTABLE)[number], unknown>;

export function toPortable(workflow: Record<string, unknown>): PortableWorkflow {
  const out: Record<string, unknown> = {};
  for (const key of PORTABLE) if (workflow[key] !== undefined) out[key] = workflow[key];
  return out as PortableWorkflow;
}

/** Reads a workflow file: an exported workflow (or any object with name, nodes and edges). */
export function parseWorkflowFile(text: string): PortableWorkflow {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON. Export a workflow here, or write {"name", "nodes", "edges"}.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('The file must hold one workflow object with "name", "nodes" and "edges".');
  }
  const workflow = parsed as Record<string, unknown>;
  if (!Array.isArray(workflow.nodes)) throw new Error('The workflow file has no "nodes" array.');
  return toPortable({ edges: [], ...workflow, name: workflow.name ?? 'Imported workflow' });
}

/** Offers `value` as a JSON file download. */
export function downloadJson(filename: string, value: unknown) {
  const url = URL.createObjectURL(
    new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

export function fileNameFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'workflow'}.workflow.json`;
}
