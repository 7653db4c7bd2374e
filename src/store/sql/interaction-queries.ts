import type { InteractionAnswer, InteractionRecord, InteractionStatus } from '../../domain/interactions.js';
import type { PageRequest } from '../store.js';
import type { Db, SqlValue } from './db.js';
import { insertSql, json, parseJson, toNumber } from './rows.js';
import { RUNS_READY_CHANNEL } from './run-queries.js';

type Row = Record<string, unknown>;

const COLUMNS = [
  'id',
  'org_id',
  'run_id',
  'workflow_id',
  'node_id',
  'status',
  'form',
  'assignee',
  'link_hash',
  'url',
  'created_at',
  'expires_at',
  'answer',
  'answered_by',
  'answered_at',
] as const;
const INSERT = `${insertSql('interactions', COLUMNS)} ON CONFLICT (run_id, node_id) DO NOTHING`;
/** Runs that can still continue: an interaction of any other run is closed, whatever its row says. */
const LIVE_RUN = "('pending', 'running', 'awaiting_ui_interaction')";

const nullableNumber = (v: unknown) => (v === null || v === undefined ? null : toNumber(v));
const nullableText = (v: unknown) => (v === null || v === undefined ? null : (v as string));

function interactionFromRow(row: Row): InteractionRecord {
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    runId: row.run_id as string,
    workflowId: row.workflow_id as string,
    nodeId: row.node_id as string,
    status: row.status as InteractionStatus,
    form: parseJson(row.form),
    assignee: nullableText(row.assignee),
    linkHash: nullableText(row.link_hash),
    url: nullableText(row.url),
    createdAt: toNumber(row.created_at),
    expiresAt: nullableNumber(row.expires_at),
    answer: row.answer === null || row.answer === undefined ? null : parseJson<InteractionAnswer>(row.answer),
    answeredBy: nullableText(row.answered_by),
    answeredAt: nullableNumber(row.answered_at),
  };
}

function values(i: InteractionRecord): SqlValue[] {
  return [
    i.id,
    i.orgId,
    i.runId,
    i.workflowId,
    i.nodeId,
    i.status,
    json(i.form),
    i.assignee,
    i.linkHash,
    i.url,
    i.createdAt,
    i.expiresAt,
    i.answer === null ? null : json(i.answer),
    i.answeredBy,
    i.answeredAt,
  ];
}

export function interactionQueries(db: Db) {
  const byRunNode = 'SELECT * FROM interactions WHERE run_id = ? AND node_id = ?';
  return {
    async createInteraction(interaction: InteractionRecord) {
      await db.run(INSERT, values(interaction));
      const [row] = await db.all<Row>(byRunNode, [interaction.runId, interaction.nodeId]);
      return row ? interactionFromRow(row) : interaction;
    },
    async listRunInteractions(runId: string) {
      const rows = await db.all<Row>('SELECT * FROM interactions WHERE run_id = ? ORDER BY created_at, id', [
        runId,
      ]);
      return rows.map(interactionFromRow);
    },
    async listPendingInteractions(
      orgId: string,
      filter: { assignee?: string; now: number },
      page: PageRequest,
    ) {
      const where = [
        'i.org_id = ?',
        "i.status = 'pending'",
        '(i.expires_at IS NULL OR i.expires_at > ?)',
        `r.status IN ${LIVE_RUN}`,
      ];
      const params: SqlValue[] = [orgId, filter.now];
      if (filter.assignee !== undefined) where.push('i.assignee = ?') && params.push(filter.assignee);
      const from = `FROM interactions i JOIN runs r ON r.id = i.run_id WHERE ${where.join(' AND ')}`;
      const [count] = await db.all<Row>(`SELECT COUNT(*) AS n ${from}`, params);
      const rows = await db.all<Row>(
        `SELECT i.* ${from} ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?`,
        [...params, page.perPage, (page.page - 1) * page.perPage],
      );
      return { rows: rows.map(interactionFromRow), total: toNumber(count?.n ?? 0) };
    },
    async findInteractionByLink(linkHash: string) {
      const [row] = await db.all<Row>('SELECT * FROM interactions WHERE link_hash = ?', [linkHash]);
      return row ? interactionFromRow(row) : null;
    },
    async answerInteraction(id: string, answer: InteractionAnswer, answeredBy: string | null, now: number) {
      return db.transaction(async (tx) => {
        // PostgreSQL: lock the run first, so a worker parking it right now either sees this answer
        // afterwards (and wakes the run itself) or parks before it (and this wakes it).
        if (db.dialect === 'postgres') {
          await tx.all(
            'SELECT r.id FROM runs r JOIN interactions i ON i.run_id = r.id WHERE i.id = ? FOR UPDATE OF r',
            [id],
          );
        }
        const changed = await tx.run(
          `UPDATE interactions SET status = 'answered', answer = ?, answered_by = ?, answered_at = ?
           WHERE id = ? AND status = 'pending' AND (expires_at IS NULL OR expires_at > ?)
             AND EXISTS (SELECT 1 FROM runs r WHERE r.id = interactions.run_id AND r.status IN ${LIVE_RUN})`,
          [json(answer), answeredBy, now, id, now],
        );
        if (changed === 0) return false;
        const woken = await tx.run(
          `UPDATE runs SET status = 'running', ready_at = ?
           WHERE id = (SELECT run_id FROM interactions WHERE id = ?) AND lease_owner IS NULL
             AND status = 'awaiting_ui_interaction'`,
          [now, id],
        );
        if (woken > 0 && db.dialect === 'postgres')
          await tx.all(`SELECT pg_notify('${RUNS_READY_CHANNEL}', '')`);
        return true;
      });
    },
    async expireInteraction(id: string, now: number) {
      const changed = await db.run(
        `UPDATE interactions SET status = 'expired'
         WHERE id = ? AND status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ?`,
        [id, now],
      );
      return changed > 0;
    },
    async cancelInteractions(runId: string) {
      return db.run("UPDATE interactions SET status = 'cancelled' WHERE run_id = ? AND status = 'pending'", [
        runId,
      ]);
    },
  };
}
