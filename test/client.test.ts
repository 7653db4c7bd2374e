import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  ApiError,
  createStratoflowClient,
  listItems,
  paginate,
  type StratoflowClient,
  unwrap,
} from '../src/client/index.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { executeAndWait } from './helpers/workflows.js';

let t: TestServer;
let api: StratoflowClient;
beforeAll(async () => {
  t = await startTestServer();
  const token = await t.token('org_client');
  api = createStratoflowClient({ baseUrl: `${t.url}/`, token: () => token });
});
afterAll(async () => t.close());

const manualToText = {
  name: 'client',
  nodes: [
    { id: 'n1', type: 'manual_trigger', position: { x: 0, y: 0 }, data: { componentId: 'manual_trigger' } },
    {
      id: 'n2',
      type: 'text_transform',
      position: { x: 0, y: 0 },
      data: { componentId: 'text_transform', template: 'hi {{ n1.name }}' },
    },
  ],
  edges: [{ id: 'e1', source: 'n1', target: 'n2' }],
};

it('creates, lists and reads workflows with typed calls and the bearer token', async () => {
  const created = await unwrap(api.POST('/workflows', { body: manualToText }));
  expect(created.id).toMatch(/^fl_/);
  const list = listItems(await unwrap(api.GET('/workflows')));
  expect(list.map((w) => w.id)).toContain(created.id);
  const one = await unwrap(
    api.GET('/workflows/{workflowId}', { params: { path: { workflowId: created.id } } }),
  );
  expect(one.name).toBe('client');
});

it('throws ApiError carrying the error envelope', async () => {
  const error = await unwrap(
    api.GET('/workflows/{workflowId}', { params: { path: { workflowId: 'fl_01h00000000000000000000000' } } }),
  ).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 404, code: 'resource_not_found' });
  expect((error as ApiError).docUrl).toContain('resource_not_found');
  const anonymous = createStratoflowClient({ baseUrl: t.url });
  await expect(unwrap(anonymous.GET('/workflows'))).rejects.toMatchObject({ status: 401 });
});

it('paginates a run list page by page', async () => {
  const created = await unwrap(api.POST('/workflows', { body: manualToText }));
  const org = 'org_client';
  for (let i = 0; i < 3; i++) await executeAndWait(t, created.id, { name: String(i) }, org);
  const pages: number[] = [];
  const ids: string[] = [];
  for await (const run of paginate(async (page) => {
    pages.push(page);
    return unwrap(
      api.GET('/workflows/{workflowId}/executions', {
        params: { path: { workflowId: created.id }, query: { page, per_page: 2 } },
      }),
    );
  })) {
    ids.push(run.id);
  }
  expect(pages).toEqual([1, 2]);
  expect(new Set(ids).size).toBe(3);
});
