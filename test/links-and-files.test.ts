import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../src/nodes/links-and-files/test-pdf.js';
import { PUBLIC_URL, startTestServer, type TestServer } from './helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from './helpers/workflows.js';

/** shorten_link and markdown_to_pdf end to end: the redirect, expiry, clicks, run files, org scoping. */

let t: TestServer;
let offset = 0;
const clock = { now: () => Date.now() + offset };
beforeAll(async () => {
  t = await startTestServer({}, {}, { clock });
});
afterAll(() => t.close());

const pathOf = (shortUrl: string) => shortUrl.slice(PUBLIC_URL.length);

async function visit(path: string) {
  return fetch(`${t.url}${path}`, { redirect: 'manual' });
}

type RunBody = Awaited<ReturnType<typeof executeAndWait>>;

async function runWorkflow(nodes: unknown[], context: Record<string, unknown> = {}, org = 'org_a') {
  const ids = (nodes as Array<{ id: string }>).map((n) => n.id);
  const edges = ids.slice(1).map((id, i) => edge(ids[i] as string, id));
  const wf = await createWorkflow(t, { nodes, edges }, org);
  return executeAndWait(t, wf.id, context, org);
}

describe('short links', () => {
  let run: RunBody;
  let link: RunBody;
  beforeAll(async () => {
    run = await runWorkflow(
      [
        node('n1', 'manual_trigger'),
        node('n2', 'shorten_link', { url: '{{ n1.target }}', expires_in_seconds: 3600 }),
      ],
      { target: 'https://example.com/report?id=42&x=a%20b' },
    );
    link = run.logs[1].output;
  });

  it('outputs a short URL under the public URL that redirects with 302 to the long URL', async () => {
    expect(run.status).toBe('completed');
    expect(link).toMatchObject({ url: 'https://example.com/report?id=42&x=a%20b' });
    expect(link.short_url).toBe(`${PUBLIC_URL}/l/${link.code}`);
    expect(link.code).toMatch(/^[A-Za-z0-9_-]{8}$/);
    const res = await visit(pathOf(link.short_url));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://example.com/report?id=42&x=a%20b');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('needs no token to follow, counts clicks, and lists links per organization', async () => {
    await visit(pathOf(link.short_url));
    const list = await t.call('GET', '/workflows/links?per_page=100');
    expect(list.status).toBe(200);
    const listed = list.body.data.find((l: { id: string }) => l.id === link.id);
    expect(listed).toMatchObject({ clicks: 2, workflow_id: run.workflow_id, run_id: run.id, url: link.url });
    expect(listed.expires_at).toBe(link.expires_at);
    expect(list.body.meta).toMatchObject({ current_page: 1, per_page: 100 });
    const other = await t.call('GET', '/workflows/links', { org: 'org_b' });
    expect(other.body.data).toEqual([]);
    expect((await t.call('DELETE', `/workflows/links/${link.id}`, { org: 'org_b' })).status).toBe(404);
    expect((await t.call('GET', '/workflows/links', { token: null })).status).toBe(401);
  });

  it('answers 410 with an HTML page once expired, without counting', async () => {
    offset = 3_601_000;
    try {
      const res = await visit(pathOf(link.short_url));
      expect(res.status).toBe(410);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('expired');
    } finally {
      offset = 0;
    }
    const list = await t.call('GET', '/workflows/links?per_page=100');
    expect(list.body.data.find((l: { id: string }) => l.id === link.id).clicks).toBe(2);
  });

  it('answers 404 for an unknown or deleted code', async () => {
    expect((await visit('/l/unknown1')).status).toBe(404);
    expect((await t.call('DELETE', `/workflows/links/${link.id}`)).status).toBe(204);
    expect((await visit(pathOf(link.short_url))).status).toBe(404);
    expect((await t.call('DELETE', `/workflows/links/${link.id}`)).status).toBe(404);
  });

  it('paginates', async () => {
    for (let i = 0; i < 3; i++)
      await runWorkflow(
        [node('n1', 'manual_trigger'), node('n2', 'shorten_link', { url: `https://e.com/${i}` })],
        {},
        'org_pages',
      );
    const page = await t.call('GET', '/workflows/links?per_page=2&page=2', { org: 'org_pages' });
    expect(page.body.data).toHaveLength(1);
    expect(page.body.data[0].url).toBe('https://e.com/0');
    expect(page.body.meta).toMatchObject({ total: 3, last_page: 2, current_page: 2 });
    expect(page.body.links.prev).toBe(`${PUBLIC_URL}/workflows/links?page=1`);
  });
});

describe('run files', () => {
  let run: RunBody;
  beforeAll(async () => {
    run = await runWorkflow(
      [
        node('n1', 'manual_trigger'),
        node('n2', 'markdown_to_pdf', {
          markdown: '# Report for {{ n1.site }}\n\n| Site | State |\n| --- | --- |\n| {{ n1.site }} | up |\n',
          file_name: 'site report',
        }),
      ],
      { site: 'HQ' },
    );
  });

  it('stores the PDF with the run and lists it', async () => {
    expect(run.status).toBe('completed');
    const output = run.logs[1].output;
    expect(output).toMatchObject({
      name: 'site report.pdf',
      content_type: 'application/pdf',
      run_id: run.id,
    });
    const list = await t.call('GET', `/workflows/runs/${run.id}/files`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        id: output.file_id,
        run_id: run.id,
        workflow_id: run.workflow_id,
        node_id: 'n2',
        name: 'site report.pdf',
        size: output.size,
        download_url: `${PUBLIC_URL}${output.download_path}`,
      }),
    ]);
  });

  it('downloads it with its content type and an attachment disposition', async () => {
    const output = run.logs[1].output;
    const res = await fetch(`${t.url}${output.download_path}`, {
      headers: { authorization: `Bearer ${await t.token()}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="site report.pdf"; filename*=UTF-8''site%20report.pdf`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(output.size);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(bytes)).toContain('Report for HQ');
  });

  it('is scoped to the organization and the run', async () => {
    const output = run.logs[1].output;
    expect((await t.call('GET', `/workflows/runs/${run.id}/files`, { org: 'org_b' })).status).toBe(404);
    expect((await t.call('GET', output.download_path, { org: 'org_b' })).status).toBe(404);
    const other = await runWorkflow([
      node('n1', 'manual_trigger'),
      node('n2', 'text_transform', { template: 'x' }),
    ]);
    const crossed = await t.call('GET', `/workflows/runs/${other.id}/files/${output.file_id}`);
    expect(crossed.status).toBe(404);
    expect(crossed.body).toMatchObject({ code: 'resource_not_found' });
    expect((await t.call('GET', `/workflows/runs/${other.id}/files`)).body).toEqual([]);
    expect((await t.call('GET', output.download_path, { token: null })).status).toBe(401);
  });

  it('fails the node when the PDF is larger than the configured cap', async () => {
    const small = await startTestServer({ runFileMaxBytes: 200 });
    try {
      const wf = await createWorkflow(small, {
        nodes: [node('n1', 'manual_trigger'), node('n2', 'markdown_to_pdf', { markdown: '# Too big' })],
        edges: [edge('n1', 'n2')],
      });
      const failed = await executeAndWait(small, wf.id);
      expect(failed.status).toBe('failed');
      expect(failed.error_message).toMatch(
        /more than the run file limit of 200 bytes \(STRATOFLOW_RUN_FILE_LIMIT\)/,
      );
    } finally {
      await small.close();
    }
  });

  it('renders from POST /workflows/test-node without storing anything', async () => {
    const res = await t.call('POST', '/workflows/test-node', {
      body: {
        node: node('n2', 'markdown_to_pdf', { markdown: '# Hi {{ n1.who }}' }),
        context: { n1: { who: 'Ada' } },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({
      name: 'document.pdf',
      content_type: 'application/pdf',
      run_id: 'fl_run_test',
    });
    expect(res.body.output.size).toBeGreaterThan(500);
  });
});

describe('the new endpoints in /openapi.json', () => {
  it.each([
    ['get', '/workflows/links', 'Short Links', false],
    ['delete', '/workflows/links/{linkId}', 'Short Links', false],
    ['get', '/l/{code}', 'Short Links', true],
    ['get', '/workflows/runs/{runId}/files', 'Run Files', false],
    ['get', '/workflows/runs/{runId}/files/{fileId}', 'Run Files', false],
  ])('%s %s is documented with its tag, a summary and its errors', async (method, path, tag, isPublic) => {
    const doc = (await t.call('GET', '/openapi.json', { token: null })).body;
    const op = doc.paths[path]?.[method];
    expect(op?.tags).toEqual([tag]);
    expect(op?.summary).toMatch(/\w+/);
    if (path.includes('{')) expect(Object.keys(op?.responses ?? {})).toContain('404');
    if (isPublic) expect(op.security).toEqual([]);
    else expect(Object.keys(op.responses)).toContain('401');
  });
});
