import { describe, expect, it } from 'vitest';
import { StratoflowError } from '../../domain/errors.js';
import type { RunFilesPort, ShortLinksPort } from '../contract.js';
import { createTestContext, runNode, TEST_NOW } from '../test-context.js';
import { markdownToPdf } from './markdown-to-pdf.js';
import { shortenLink } from './shorten-link.js';
import { pdfLinks, pdfText } from './test-pdf.js';

function capturingFiles(maxBytes = 10_000_000) {
  const saved: Array<{ name: string; contentType: string; content: Buffer }> = [];
  const files: RunFilesPort = {
    async save(file) {
      if (file.content.length > maxBytes) throw new StratoflowError('run_file_too_large');
      saved.push(file);
      return {
        id: 'file_1',
        runId: 'fl_run_test',
        name: file.name,
        contentType: file.contentType,
        size: file.content.length,
      };
    },
    read: async () => null,
  };
  return { files, saved };
}

const MARKDOWN = `# Weekly report

Traffic was **up** and *steady*; see [the dashboard](https://example.com/dash).

## Sites

- HQ online
- Branch
  1. WAN 1 up
  2. WAN 2 down

| Site | Status |
| --- | --- |
| HQ | online |
| Depot | offline |

\`\`\`
/ip address print
\`\`\`

> Quoted note
`;

describe('markdown_to_pdf', () => {
  it('renders headings, lists, tables, code and links into a PDF run file', async () => {
    const { files, saved } = capturingFiles();
    const outcome = await runNode(
      markdownToPdf,
      { markdown: MARKDOWN, file_name: 'report' },
      createTestContext({ files }),
    );
    expect(outcome).toEqual({
      output: {
        file_id: 'file_1',
        run_id: 'fl_run_test',
        name: 'report.pdf',
        content_type: 'application/pdf',
        size: saved[0]?.content.length,
        download_path: '/workflows/runs/fl_run_test/files/file_1',
      },
    });
    expect(markdownToPdf.output?.safeParse((outcome as { output: unknown }).output).success).toBe(true);
    const pdf = saved[0]?.content as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    const text = pdfText(pdf);
    for (const expected of [
      'Weekly report',
      'Sites',
      'HQ online',
      'WAN 2 down',
      'Depot',
      'offline',
      '/ip address print',
      'Quoted note',
      'the dashboard',
      '1.',
      '2.',
    ])
      expect(text, expected).toContain(expected);
    expect(text).not.toContain('**');
    expect(text).not.toContain('| ---');
    expect(pdfLinks(pdf)).toEqual(['https://example.com/dash']);
  });

  it('fails when the PDF is larger than the run file limit', async () => {
    const { files } = capturingFiles(100);
    await expect(
      runNode(markdownToPdf, { markdown: '# big' }, createTestContext({ files })),
    ).rejects.toMatchObject({
      code: 'run_file_too_large',
    });
  });

  it('refuses a file name with a path', () => {
    expect(markdownToPdf.config.safeParse({ markdown: 'x', file_name: '../etc/passwd' }).success).toBe(false);
  });
});

describe('shorten_link', () => {
  const created: Array<{ url: string; expiresAt: number | null }> = [];
  const links: ShortLinksPort = {
    async create(link) {
      created.push(link);
      return { id: 'lnk_1', code: 'abc', shortUrl: 'https://flows.test/l/abc', ...link };
    },
  };

  it('creates a link, with an expiry given as a time or a duration', async () => {
    const outcome = await runNode(
      shortenLink,
      { url: 'https://example.com/a?b=1', expires_in_seconds: '60' },
      createTestContext({ links }),
    );
    expect(outcome).toEqual({
      output: {
        id: 'lnk_1',
        code: 'abc',
        short_url: 'https://flows.test/l/abc',
        url: 'https://example.com/a?b=1',
        expires_at: '2024-06-15T12:01:00.000000Z',
      },
    });
    await runNode(
      shortenLink,
      { url: 'https://example.com', expires_at: '2030-01-01T00:00:00Z' },
      createTestContext({ links }),
    );
    expect(created.at(-1)?.expiresAt).toBe(Date.parse('2030-01-01T00:00:00Z'));
    await runNode(shortenLink, { url: 'https://example.com', expires_at: '' }, createTestContext({ links }));
    expect(created.at(-1)?.expiresAt).toBeNull();
    expect(created[0]?.expiresAt).toBe(TEST_NOW + 60_000);
  });

  it('refuses a non-http URL and an expiry in the past', async () => {
    expect(shortenLink.config.safeParse({ url: 'javascript:alert(1)' }).success).toBe(false);
    await expect(
      runNode(
        shortenLink,
        { url: 'https://example.com', expires_at: '2001-01-01T00:00:00Z' },
        createTestContext({ links }),
      ),
    ).rejects.toMatchObject({ code: 'node_config_invalid' });
  });
});
