import { randomBytes } from 'node:crypto';
import type { RunFileRecord } from '../domain/artifacts.js';
import { StratoflowError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Clock } from '../domain/time.js';
import type { RunFileInfo, RunFilesPort, ShortLinkInfo, ShortLinksPort } from '../nodes/contract.js';
import type { Store } from '../store/store.js';

/** What the run-file and short-link ports need: the store, the clock, the public URL and the file cap. */
export interface ArtifactDeps {
  store: Pick<Store, 'saveRunFile' | 'getRunFile' | 'createShortLink'>;
  clock: Clock;
  /** Base of short URLs (`{publicUrl}/l/{code}`). */
  publicUrl: string;
  /** Largest run file, in bytes (STRATOFLOW_RUN_FILE_LIMIT). */
  maxFileBytes: number;
}

/** The run a port acts for. */
export interface RunIdentity {
  orgId: string;
  runId: string;
  workflowId: string;
}

function info(file: RunFileRecord): RunFileInfo {
  const { id, runId, name, contentType, size } = file;
  return { id, runId, name, contentType, size };
}

export function checkFileSize(size: number, maxBytes: number): void {
  if (size > maxBytes) {
    throw new StratoflowError(
      'run_file_too_large',
      `The file is ${size} bytes, more than the run file limit of ${maxBytes} bytes (STRATOFLOW_RUN_FILE_LIMIT).`,
    );
  }
}

/** Files of `run`, saved as made by node `nodeId`. Reads reach any file of the organization. */
export function runFilesPort(deps: ArtifactDeps, run: RunIdentity, nodeId: string): RunFilesPort {
  return {
    async save({ name, contentType, content }) {
      checkFileSize(content.length, deps.maxFileBytes);
      const file: RunFileRecord = {
        id: newId('runFile'),
        orgId: run.orgId,
        runId: run.runId,
        workflowId: run.workflowId,
        nodeId,
        name,
        contentType,
        size: content.length,
        createdAt: deps.clock.now(),
      };
      await deps.store.saveRunFile(file, content);
      return info(file);
    },
    async read(fileId) {
      const found = await deps.store.getRunFile(run.orgId, fileId);
      return found ? { ...info(found.file), content: found.content } : null;
    },
  };
}

/** 48 random bits in base64url: 8 characters, unguessable enough that codes cannot be enumerated. */
export function newLinkCode(): string {
  return randomBytes(6).toString('base64url');
}

export function shortUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/l/${code}`;
}

/** Short links owned by the run's organization, remembering the run that made them. */
export function shortLinksPort(deps: ArtifactDeps, run: RunIdentity): ShortLinksPort {
  return {
    async create({ url, expiresAt }): Promise<ShortLinkInfo> {
      // A taken code (1 in 2^48 per existing link) is simply drawn again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const link = {
          id: newId('shortLink'),
          orgId: run.orgId,
          code: newLinkCode(),
          url,
          workflowId: run.workflowId,
          runId: run.runId,
          clicks: 0,
          expiresAt,
          createdAt: deps.clock.now(),
        };
        if (await deps.store.createShortLink(link)) {
          return {
            id: link.id,
            code: link.code,
            shortUrl: shortUrl(deps.publicUrl, link.code),
            url,
            expiresAt,
          };
        }
      }
      throw new StratoflowError('node_failed', 'Could not find a free short link code. Try again.');
    },
  };
}
