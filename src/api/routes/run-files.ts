import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RunFileRecord } from '../../domain/artifacts.js';
import { formatTimestamp } from '../../domain/time.js';
import type { ArtifactService } from '../../engine/artifact-service.js';
import { principalOf } from '../auth/hook.js';
import { arrayPage, optionalPageQuery } from '../list-page.js';
import { runFileParams, runFileSchema } from '../schemas/artifacts.js';
import { notFoundErrors } from '../schemas/common.js';
import { runIdParams } from '../schemas/run.js';

export interface RunFileRoutesOptions {
  artifacts: ArtifactService;
  publicUrl: string;
}

export function presentRunFile(file: RunFileRecord, publicUrl: string) {
  return {
    id: file.id,
    run_id: file.runId,
    workflow_id: file.workflowId,
    node_id: file.nodeId,
    name: file.name,
    content_type: file.contentType,
    size: file.size,
    download_url: `${publicUrl}/workflows/runs/${file.runId}/files/${file.id}`,
    created_at: formatTimestamp(file.createdAt),
  };
}

/** `filename` for ASCII clients and `filename*` (RFC 5987) for the exact name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Files nodes stored with a run (a rendered PDF): org-scoped listing and download. */
export const runFileRoutes: FastifyPluginAsyncZod<RunFileRoutesOptions> = async (
  app,
  { artifacts, publicUrl },
) => {
  const tags = ['Run Files'];

  app.get(
    '/workflows/runs/:runId/files',
    {
      schema: {
        tags,
        summary: "List a run's files (oldest first)",
        params: runIdParams,
        querystring: optionalPageQuery,
        response: { 200: z.array(runFileSchema), ...notFoundErrors },
      },
    },
    async (request, reply) => {
      const { runId } = request.params;
      const files = await artifacts.listRunFiles(principalOf(request).orgId, runId);
      const presented = files.map((file) => presentRunFile(file, publicUrl));
      return arrayPage(reply, presented, request.query, `${publicUrl}/workflows/runs/${runId}/files`);
    },
  );

  app.get(
    '/workflows/runs/:runId/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Download a run file',
        description:
          'Answers the bytes with the content type the node gave them and an attachment disposition.',
        params: runFileParams,
        produces: ['application/pdf', 'application/octet-stream'],
        response: { 200: z.unknown().describe('The file bytes'), ...notFoundErrors },
      },
    },
    async (request, reply) => {
      const { runId, fileId } = request.params;
      const { file, content } = await artifacts.getRunFile(principalOf(request).orgId, runId, fileId);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );
};
