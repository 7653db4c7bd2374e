import type { paths } from '../../../src/client/index.js';

/** A node component as `GET /components` describes it: what the canvas and the forms are built from. */
export type ComponentInfo =
  paths['/components']['get']['responses'][200]['content']['application/json'][number];

/** A workflow node's `data`: the component id, its config and the node metadata, side by side. */
export type NodeData = Record<string, unknown> & { componentId: string };

/** Keys of `data` that describe the node rather than configure its component (as the server reads them). */
export const METADATA_KEYS = [
  'componentId',
  'uiId',
  'operation',
  'description',
  'label',
  'continue_on_error',
  'retry',
] as const;

const METADATA = new Set<string>(METADATA_KEYS);

export function configOf(data: NodeData): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!METADATA.has(key)) config[key] = value;
  return config;
}

export function metadataOf(data: NodeData): NodeData {
  const meta: NodeData = { componentId: data.componentId };
  for (const [key, value] of Object.entries(data)) if (METADATA.has(key)) meta[key] = value;
  return meta;
}

/** The ids of an array of `{id}` objects in the config (switch cases, form buttons). */
function idsIn(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item) => (item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
}

/**
 * The output handles a node offers, in display order: the component's own, the ones its config adds
 * (switch cases, form buttons and a form's timeout), and `error` when `continue_on_error` is on.
 * An empty list means one plain (unnamed) output.
 */
export function outputHandles(data: NodeData, component: ComponentInfo | undefined): string[] {
  const handles: string[] = [];
  const add = (h: string) => {
    if (!handles.includes(h)) handles.push(h);
  };
  if (component?.config_derived_handles) {
    for (const id of idsIn(data.cases)) add(id);
    for (const id of idsIn(data.buttons)) add(id);
    if (data.componentId === 'form' && data.timeout) add('timeout');
  }
  for (const h of component?.handles ?? []) add(h);
  if (data.continue_on_error === true) {
    // A node without named handles keeps its plain output next to the error one.
    if (handles.length === 0) add('');
    add('error');
  }
  return handles;
}

/** Each node's output handles in display order, by node id (what layouts keep edges uncrossed with). */
export function handlesByNode(
  nodes: ReadonlyArray<{ id: string; data: unknown }>,
  components: ReadonlyMap<string, ComponentInfo>,
): (nodeId: string) => string[] {
  const data = new Map(nodes.map((n) => [n.id, n.data as NodeData]));
  return (nodeId) => {
    const node = data.get(nodeId);
    return node ? outputHandles(node, components.get(node.componentId)) : [];
  };
}

export function isTrigger(component: ComponentInfo | undefined): boolean {
  return component?.kind === 'trigger';
}

/** The name a node shows: its label, else its component's title. */
export function nodeTitle(data: NodeData, component: ComponentInfo | undefined): string {
  const label = typeof data.label === 'string' ? data.label.trim() : '';
  return label || component?.title || data.componentId;
}
