import type { ComponentInfo } from './catalogue.js';
import type { RunNodeState } from './context.js';
import type { FlowNodeType } from './FlowNode.js';

const STATUS_VARS: Record<string, string> = {
  success: 'var(--success)',
  error: 'var(--danger)',
  running: 'var(--info)',
  waiting: 'var(--warning)',
  skipped: 'var(--border)',
  not_reached: 'var(--border)',
};
const KIND_VARS: Record<string, string> = {
  trigger: 'var(--accent)',
  action: 'var(--info)',
  condition: 'var(--warning)',
};

/** A node's colour on the minimap: its run status when there is one, else its kind. */
export function minimapColor(
  node: FlowNodeType,
  states: Readonly<Record<string, RunNodeState>> | undefined,
  components: ReadonlyMap<string, ComponentInfo>,
): string {
  const status = states?.[node.id]?.status;
  if (status) return STATUS_VARS[status] ?? 'var(--muted)';
  return KIND_VARS[components.get(node.data.componentId)?.kind ?? ''] ?? 'var(--muted)';
}
