import type { Db } from './db.js';
import { workflowFromRow } from './rows.js';

type Row = Record<string, unknown>;

/** Finding the workflows an incoming event starts. */
export function triggerQueries(db: Db) {
  return {
    async activeWorkflowsWithTrigger(orgId: string, componentId: string) {
      const rows = await db.all<Row>(
        `SELECT w.*, v.definition FROM workflows w JOIN workflow_versions v ON v.id = w.version_id
          WHERE w.org_id = ? AND w.trigger_component = ? AND w.is_active = 1
          ORDER BY w.created_at, w.id`,
        [orgId, componentId],
      );
      return rows.map((row) => workflowFromRow(row, row.definition));
    },
  };
}
