import { formatNullableTimestamp, formatTimestamp } from '../domain/time.js';
import type { WorkflowRecord } from '../domain/types.js';

/** API shape of a workflow (spec §2.3). Lists omit `nodes` and `edges`. */
export function presentWorkflow(w: WorkflowRecord, publicUrl: string, withDefinition: boolean) {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    ...(withDefinition ? { nodes: w.definition.nodes, edges: w.definition.edges } : {}),
    schedule_type: w.scheduleType,
    schedule_value: w.scheduleValue,
    schedule_timezone: w.scheduleTimezone,
    next_run_at: formatNullableTimestamp(w.nextRunAt),
    is_active: w.isActive,
    webhook_url: w.webhookToken ? `${publicUrl}/workflows/webhooks/${w.webhookToken}` : null,
    authorization_id: w.authorizationId,
    version_id: w.versionId,
    created_at: formatTimestamp(w.createdAt),
    updated_at: formatTimestamp(w.updatedAt),
  };
}
