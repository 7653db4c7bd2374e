import { z } from 'zod';
import { idPattern } from '../../domain/ids.js';
import { timestamp } from './common.js';

export const runFileParams = z.object({
  runId: z.string().regex(idPattern('run')),
  fileId: z.string().regex(idPattern('runFile')),
});

export const runFileSchema = z.object({
  id: z.string(),
  run_id: z.string(),
  workflow_id: z.string(),
  node_id: z.string().describe('The node that produced the file'),
  name: z.string(),
  content_type: z.string(),
  size: z.number().describe('Bytes'),
  download_url: z.string(),
  created_at: timestamp,
});

export const linkIdParams = z.object({ linkId: z.string().regex(idPattern('shortLink')) });
// Unconstrained: any code that names no link gets the HTML 404 page (a validation error would be JSON).
export const linkCodeParams = z.object({ code: z.string() });

export const shortLinkSchema = z.object({
  id: z.string(),
  code: z.string(),
  short_url: z.string(),
  url: z.string(),
  clicks: z.number(),
  workflow_id: z.string().nullable(),
  run_id: z.string().nullable(),
  expires_at: timestamp.nullable(),
  created_at: timestamp,
});
