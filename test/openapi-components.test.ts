import { afterAll, beforeAll, expect, it } from 'vitest';
import { ERRORS } from '../src/domain/errors.js';
import { PUBLIC_URL, startTestServer, type TestServer } from './helpers/server.js';

/** OpenAPI for generators (issue #13 item 8): named shared shapes, real content types, deprecated aliases. */
let t: TestServer;
// biome-ignore lint/suspicious/noExplicitAny: the document is read freely
let doc: any;
beforeAll(async () => {
  t = await startTestServer();
  doc = (await t.call('GET', '/openapi.json', { token: null })).body;
});
afterAll(async () => t.close());

it('names the shared shapes in components.schemas and references them', async () => {
  const names = Object.keys(doc.components.schemas);
  for (const name of ['Workflow', 'Node', 'Edge', 'Run', 'Log', 'Error', 'VaultItem', 'Authorization']) {
    expect(names, name).toContain(name);
  }
  expect(names.filter((n) => n.startsWith('Paginated'))).toEqual(
    expect.arrayContaining(['PaginatedRunSummary', 'PaginatedWorkflow', 'PaginatedLinks', 'PaginatedMeta']),
  );
  const ok = (path: string, method: string, status = '200') =>
    JSON.stringify(doc.paths[path][method].responses[status].content['application/json'].schema);
  expect(ok('/workflows/{workflowId}', 'get')).toBe('{"$ref":"#/components/schemas/Workflow"}');
  expect(ok('/workflows/runs/{runId}', 'get')).toBe('{"$ref":"#/components/schemas/Run"}');
  expect(ok('/workflows/{workflowId}/executions', 'get')).toBe(
    '{"$ref":"#/components/schemas/PaginatedRunSummary"}',
  );
  expect(ok('/workflows/{workflowId}', 'get', '404')).toBe('{"$ref":"#/components/schemas/Error"}');
  expect(JSON.stringify(doc.components.schemas.Workflow)).toContain('#/components/schemas/Node');
});

it('declares the webhook and sync request bodies and the sync answer’s real content types', async () => {
  for (const path of ['/workflows/webhooks/{webhookToken}', '/workflows/sync/{workflowId}']) {
    expect(Object.keys(doc.paths[path].post.requestBody.content).sort(), path).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
    ]);
  }
  expect(Object.keys(doc.paths['/workflows/sync/{workflowId}'].post.responses['200'].content).sort()).toEqual(
    ['application/json', 'text/plain'],
  );
});

it('documents the /vault aliases as deprecated', async () => {
  expect(doc.paths['/vault'].get.deprecated).toBe(true);
  expect(doc.paths['/vault/{vaultId}'].put.deprecated).toBe(true);
  expect(doc.paths['/workflows/vault'].get.deprecated).toBeUndefined();
});

it('serves the error reference as HTML whose anchors are the doc_url fragments', async () => {
  const missing = await t.call('GET', '/workflows/fl_01jabcdefghjkmnpqrstvwxyz0');
  expect(missing.body.doc_url).toBe(`${PUBLIC_URL}/errors#resource_not_found`);
  const page = await fetch(`${t.url}/errors`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = await page.text();
  for (const code of Object.keys(ERRORS)) expect(html, code).toContain(`<tr id="${code}">`);
});
