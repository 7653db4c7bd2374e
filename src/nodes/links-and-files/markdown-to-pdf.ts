import { z } from 'zod';
import { defineNode } from '../contract.js';
import { renderMarkdownPdf } from './pdf-render.js';

/** Longest markdown accepted (characters); the PDF itself is capped by STRATOFLOW_RUN_FILE_LIMIT. */
const MAX_MARKDOWN = 1_000_000;

const fileName = z
  .preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string()
      .trim()
      .max(200)
      .regex(/^[^/\\\0\r\n"]+$/, 'A file name may not contain slashes, quotes or line breaks.')
      .default('document.pdf'),
  )
  .transform((name) => (name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`));

const config = z.object({
  markdown: z.string().min(1, 'Write the markdown to render.').max(MAX_MARKDOWN),
  file_name: fileName,
  title: z.string().max(200).optional().describe('The PDF document title (metadata); default: the file name'),
});

const output = z.object({
  file_id: z.string().describe('The run file id'),
  run_id: z.string(),
  name: z.string(),
  content_type: z.literal('application/pdf'),
  size: z.number().int().describe('Bytes'),
  download_path: z.string().describe('GET this path (with a bearer token of the organization) for the PDF'),
});

export const markdownToPdf = defineNode({
  componentId: 'markdown_to_pdf',
  kind: 'action',
  title: 'Markdown to PDF',
  description:
    'Renders markdown (headings, lists, tables, code, links) into a PDF stored as a file of the run: listed at GET /workflows/runs/{runId}/files, downloaded at GET /workflows/runs/{runId}/files/{fileId}, and usable as an email attachment by its file_id.',
  config,
  output,
  outputExample: {
    file_id: 'file_01jdq8c3d5f7h9k1m3n5p7r9t1',
    run_id: 'fl_run_01jdq7w3k8d2m4n6p8r0t2v4x6',
    name: 'report.pdf',
    content_type: 'application/pdf',
    size: 18342,
    download_path: '/workflows/runs/fl_run_01jdq7w3k8d2m4n6p8r0t2v4x6/files/file_01jdq8c3d5f7h9k1m3n5p7r9t1',
  },
  handles: [],
  run: async (ctx, c) => {
    const pdf = await renderMarkdownPdf(c.markdown, {
      title: c.title ?? c.file_name,
      date: new Date(ctx.clock.now()),
    });
    const file = await ctx.files.save({ name: c.file_name, contentType: 'application/pdf', content: pdf });
    return {
      output: {
        file_id: file.id,
        run_id: file.runId,
        name: file.name,
        content_type: 'application/pdf' as const,
        size: file.size,
        download_path: `/workflows/runs/${file.runId}/files/${file.id}`,
      },
    };
  },
});
