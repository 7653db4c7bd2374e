import type { RunFileRecord, ShortLinkRecord } from '../../domain/artifacts.js';
import type { PageRequest, PageResult } from '../store.js';
import type { Db } from './db.js';
import { toNumber } from './rows.js';
import { isUniqueViolation } from './run-queries.js';

type Row = Record<string, unknown>;

const FILE_COLUMNS = 'id, org_id, run_id, workflow_id, node_id, name, content_type, size, created_at';
const LINK_COLUMNS = 'id, org_id, code, url, workflow_id, run_id, clicks, expires_at, created_at';

function fileFromRow(row: Row): RunFileRecord {
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    runId: row.run_id as string,
    workflowId: row.workflow_id as string,
    nodeId: row.node_id as string,
    name: row.name as string,
    contentType: row.content_type as string,
    size: toNumber(row.size),
    createdAt: toNumber(row.created_at),
  };
}

function linkFromRow(row: Row): ShortLinkRecord {
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    code: row.code as string,
    url: row.url as string,
    workflowId: (row.workflow_id as string | null) ?? null,
    runId: (row.run_id as string | null) ?? null,
    clicks: toNumber(row.clicks),
    expiresAt: row.expires_at === null || row.expires_at === undefined ? null : toNumber(row.expires_at),
    createdAt: toNumber(row.created_at),
  };
}

/** Run files (bytes in a BLOB / bytea column) and short links. */
export function artifactQueries(db: Db) {
  return {
    async saveRunFile(file: RunFileRecord, content: Buffer): Promise<void> {
      await db.run(`INSERT INTO run_files (${FILE_COLUMNS}, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        file.id,
        file.orgId,
        file.runId,
        file.workflowId,
        file.nodeId,
        file.name,
        file.contentType,
        file.size,
        file.createdAt,
        content,
      ]);
    },

    async listRunFiles(orgId: string, runId: string): Promise<RunFileRecord[]> {
      const rows = await db.all<Row>(
        `SELECT ${FILE_COLUMNS} FROM run_files WHERE run_id = ? AND org_id = ? ORDER BY created_at, id`,
        [runId, orgId],
      );
      return rows.map(fileFromRow);
    },

    async getRunFile(
      orgId: string,
      fileId: string,
    ): Promise<{ file: RunFileRecord; content: Buffer } | null> {
      const [row] = await db.all<Row>(
        `SELECT ${FILE_COLUMNS}, content FROM run_files WHERE id = ? AND org_id = ?`,
        [fileId, orgId],
      );
      return row ? { file: fileFromRow(row), content: Buffer.from(row.content as Uint8Array) } : null;
    },

    async createShortLink(link: ShortLinkRecord): Promise<boolean> {
      try {
        await db.run(`INSERT INTO short_links (${LINK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          link.id,
          link.orgId,
          link.code,
          link.url,
          link.workflowId,
          link.runId,
          link.clicks,
          link.expiresAt,
          link.createdAt,
        ]);
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async listShortLinks(orgId: string, page: PageRequest): Promise<PageResult<ShortLinkRecord>> {
      const [count] = await db.all<Row>('SELECT COUNT(*) AS n FROM short_links WHERE org_id = ?', [orgId]);
      const rows = await db.all<Row>(
        `SELECT ${LINK_COLUMNS} FROM short_links WHERE org_id = ?
          ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
        [orgId, page.perPage, (page.page - 1) * page.perPage],
      );
      return { rows: rows.map(linkFromRow), total: toNumber(count?.n ?? 0) };
    },

    async deleteShortLink(orgId: string, id: string): Promise<boolean> {
      return (await db.run('DELETE FROM short_links WHERE id = ? AND org_id = ?', [id, orgId])) > 0;
    },

    /**
     * The link behind `code` for a visitor at `now`: counts the click (one atomic increment) unless it has
     * expired. Null when there is no such code.
     */
    async followShortLink(
      code: string,
      now: number,
    ): Promise<{ link: ShortLinkRecord; expired: boolean } | null> {
      const [counted] = await db.all<Row>(
        `UPDATE short_links SET clicks = clicks + 1
          WHERE code = ? AND (expires_at IS NULL OR expires_at > ?) RETURNING ${LINK_COLUMNS}`,
        [code, now],
      );
      if (counted) return { link: linkFromRow(counted), expired: false };
      const [row] = await db.all<Row>(`SELECT ${LINK_COLUMNS} FROM short_links WHERE code = ?`, [code]);
      return row ? { link: linkFromRow(row), expired: true } : null;
    },
  };
}
