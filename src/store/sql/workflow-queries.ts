import type { WorkflowRecord } from '../../domain/types.js';
import type { Db, SqlRunner } from './db.js';
import {
  insertSql,
  json,
  WORKFLOW_COLUMNS,
  workflowFromRow,
  workflowHeadFromRow,
  workflowValues,
} from './rows.js';

const SELECT = `SELECT w.*, v.definition FROM workflows w JOIN workflow_versions v ON v.id = w.version_id`;
const INSERT_WORKFLOW = insertSql('workflows', WORKFLOW_COLUMNS);
const INSERT_VERSION = insertSql('workflow_versions', [
  'id',
  'org_id',
  'workflow_id',
  'definition',
  'created_at',
]);
const UPDATE_WORKFLOW = `UPDATE workflows SET ${WORKFLOW_COLUMNS.slice(1)
  .map((c) => `${c} = ?`)
  .join(', ')} WHERE id = ?`;

type Row = Record<string, unknown>;

function insertVersion(tx: SqlRunner, w: WorkflowRecord) {
  return tx.run(INSERT_VERSION, [w.versionId, w.orgId, w.id, json(w.definition), w.updatedAt]);
}

export function workflowQueries(db: Db) {
  return {
    async createWorkflow(w: WorkflowRecord) {
      await db.transaction(async (tx) => {
        await insertVersion(tx, w);
        await tx.run(INSERT_WORKFLOW, workflowValues(w));
      });
    },
    async updateWorkflow(w: WorkflowRecord, newVersion: boolean) {
      const [, ...rest] = workflowValues(w);
      await db.transaction(async (tx) => {
        if (newVersion) await insertVersion(tx, w);
        await tx.run(UPDATE_WORKFLOW, [...rest, w.id]);
      });
    },
    async getWorkflow(orgId: string, id: string) {
      const [row] = await db.all<Row>(`${SELECT} WHERE w.id = ? AND w.org_id = ?`, [id, orgId]);
      return row ? workflowFromRow(row, row.definition) : null;
    },
    async getWorkflowHead(orgId: string, id: string) {
      const [row] = await db.all<Row>('SELECT * FROM workflows WHERE id = ? AND org_id = ?', [id, orgId]);
      return row ? workflowHeadFromRow(row) : null;
    },
    async listWorkflows(orgId: string) {
      const rows = await db.all<Row>(`${SELECT} WHERE w.org_id = ? ORDER BY w.created_at DESC, w.id DESC`, [
        orgId,
      ]);
      return rows.map((row) => workflowFromRow(row, row.definition));
    },
    async findWorkflowByWebhookHash(tokenHash: string) {
      // The hottest lookup (every webhook call): no definition to read or parse.
      const [row] = await db.all<Row>('SELECT * FROM workflows WHERE webhook_token_hash = ?', [tokenHash]);
      return row ? workflowHeadFromRow(row) : null;
    },
    async getVersion(versionId: string) {
      const [row] = await db.all<Row>('SELECT definition FROM workflow_versions WHERE id = ?', [versionId]);
      return row ? (JSON.parse(row.definition as string) as WorkflowRecord['definition']) : null;
    },
    async deleteWorkflow(orgId: string, id: string) {
      return db.transaction(async (tx) => {
        const deleted = await tx.run('DELETE FROM workflows WHERE id = ? AND org_id = ?', [id, orgId]);
        if (deleted === 0) return false;
        await tx.run('DELETE FROM logs WHERE workflow_id = ?', [id]);
        await tx.run(
          'DELETE FROM idempotency_keys WHERE run_id IN (SELECT id FROM runs WHERE workflow_id = ?)',
          [id],
        );
        await tx.run('DELETE FROM run_files WHERE workflow_id = ?', [id]);
        await tx.run('DELETE FROM runs WHERE workflow_id = ?', [id]);
        await tx.run('DELETE FROM workflow_versions WHERE workflow_id = ?', [id]);
        return true;
      });
    },
  };
}
