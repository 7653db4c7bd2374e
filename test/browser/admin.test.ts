import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seriousA11yViolations } from '../helpers/axe.js';
import {
  type BrowserSession,
  describeBrowser,
  launchBrowser,
  newPage,
  screenshot,
  signedIn,
} from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createWorkflow, edge, executeAndWait, node } from '../helpers/workflows.js';

/** Dashboard, vault, authorizations and the workflow list's actions, as a user meets them. */
describeBrowser('dashboard, vault, authorizations, workflow actions', () => {
  let t: TestServer;
  let session: BrowserSession;
  let page: Page & { consoleErrors: string[] };
  let failingRunId: string;
  const org = 'org_admin';

  beforeAll(async () => {
    t = await startTestServer();
    session = await launchBrowser();
    page = await newPage(session);
    const ok = await createWorkflow(
      t,
      {
        name: 'Nightly report',
        nodes: [node('n1', 'manual_trigger'), node('n2', 'text_transform', { template: 'ok' })],
        edges: [edge('n1', 'n2')],
      },
      org,
    );
    const failing = await createWorkflow(
      t,
      {
        name: 'Provision site',
        nodes: [
          node('n1', 'manual_trigger'),
          node('stop', 'terminate', { status: 'failed', message: 'Router refused' }),
        ],
        edges: [edge('n1', 'stop')],
      },
      org,
    );
    for (let i = 0; i < 3; i++) await executeAndWait(t, ok.id, {}, org);
    failingRunId = (await executeAndWait(t, failing.id, {}, org)).id;
  });
  afterAll(async () => {
    await session?.close();
    await t?.close();
  });

  it('dashboard: totals, a chart, success per workflow, and a failure one click from its node', async () => {
    await signedIn(page, t, '', org);
    await page.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
    const kpi = (label: string) =>
      page.locator('.kpi').filter({ has: page.getByText(label, { exact: true }) });
    await kpi('Runs').getByText('4', { exact: true }).waitFor();
    await kpi('Success rate').getByText('75%').waitFor();
    await kpi('Failed runs').getByText('1', { exact: true }).waitFor();
    await page.locator('.runs-chart-bars rect.failed').waitFor();
    expect(await page.locator('.runs-chart-bars rect.completed').count()).toBe(1);
    const perWorkflow = page.getByRole('region', { name: 'Success rate per workflow' });
    await perWorkflow.getByRole('link', { name: 'Nightly report' }).waitFor();
    const failures = page.getByRole('region', { name: 'Recent failures' });
    await failures.getByText('Router refused').waitFor();
    await screenshot(page, 'dashboard');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await failures.getByRole('link').first().click();
    await page.waitForURL(`**/ui/runs/${failingRunId}?node=stop`);
  });

  it('vault: values go in and never come back, api keys show once, items can be deleted', async () => {
    const canary = 'sk_live_canary_4f1d2c9e7b';
    await page.goto(`${t.url}/ui/vault`);
    await page.getByText('The vault is empty').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add secret' }).first().click();
    await page.getByLabel('Name').fill('stripe_key');
    await page.getByLabel('Value', { exact: true }).fill(canary);
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByRole('cell', { name: 'stripe_key', exact: true }).waitFor();
    expect(await page.content()).not.toContain(canary);
    const inputs = await page
      .locator('input')
      .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
    expect(inputs.join('|')).not.toContain(canary);
    const listed = await t.call('GET', '/workflows/vault', { org });
    expect(listed.body.map((i: { name: string }) => i.name)).toEqual(['stripe_key']);

    await page.getByRole('button', { name: 'Replace value' }).click();
    await page.getByLabel('Value', { exact: true }).fill(`${canary}_v2`);
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page
      .getByRole('dialog')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await expect.poll(async () => (await page.content()).includes(canary)).toBe(false);

    await page.getByRole('button', { name: 'Add secret' }).first().click();
    await page.getByLabel('Name').fill('api-key:deploys');
    await expect(page.getByLabel('Value', { exact: true }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Generate key' }).click();
    const shown = page.getByRole('dialog', { name: 'Copy your API key now' });
    await shown.waitFor();
    const key = (await shown.locator('code').first().textContent()) ?? '';
    expect(key).toMatch(/^wfk_/);
    await screenshot(page, 'vault-api-key');
    await shown.getByRole('button', { name: 'I have stored it' }).click();
    await expect.poll(async () => (await page.content()).includes(key)).toBe(false);

    await page.getByRole('button', { name: 'Delete stripe_key' }).click();
    await page.getByRole('button', { name: 'Delete secret' }).click();
    await page.getByRole('cell', { name: 'stripe_key', exact: true }).waitFor({ state: 'detached' });
    await screenshot(page, 'vault');
    expect((await t.call('GET', '/workflows/vault', { org })).body).toHaveLength(1);
  });

  it('authorizations: create shows the one-time link, delete removes it', async () => {
    await page.goto(`${t.url}/ui/authorizations`);
    await page.getByText('No authorizations yet').waitFor();
    await page.getByRole('button', { name: 'New authorization' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Send this link to the user' });
    const url = (await dialog.locator('code').textContent()) ?? '';
    expect(url).toMatch(/\/authorize\//);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByText('not confirmed yet').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'authorizations');
    const [auth] = (await t.call('GET', '/workflows/authorization', { org })).body;
    await page.getByRole('button', { name: `Delete ${auth.id}` }).click();
    await page.getByRole('button', { name: 'Delete authorization' }).click();
    await page.getByText('No authorizations yet').waitFor();
  });

  it('workflows: export, import the file, duplicate, rename, and a delete refused because another workflow calls it', async () => {
    const child = await createWorkflow(
      t,
      {
        name: 'Child',
        nodes: [node('n1', 'workflow_trigger'), node('n2', 'text_transform', { template: 'x' })],
        edges: [edge('n1', 'n2')],
      },
      org,
    );
    await createWorkflow(
      t,
      {
        name: 'Parent',
        nodes: [node('n1', 'manual_trigger'), node('call', 'trigger_workflow', { workflow_id: child.id })],
        edges: [edge('n1', 'call')],
      },
      org,
    );
    await page.goto(`${t.url}/ui/workflows`);
    const row = (name: string) =>
      page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await row('Nightly report').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await row('Nightly report').getByText('More').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Export as JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('nightly-report.workflow.json');
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported).toMatchObject({ name: 'Nightly report', nodes: [{ id: 'n1' }, { id: 'n2' }] });
    expect(exported.id).toBeUndefined();

    await page.getByTestId('import-file').setInputFiles(file);
    await page.waitForURL(/\/ui\/workflows\/fl_/);
    const importedId = page.url().split('/').pop() as string;
    const imported = await t.call('GET', `/workflows/${importedId}`, { org });
    expect(imported.body.nodes.map((n: { id: string }) => n.id)).toEqual(['n1', 'n2']);

    await page.goto(`${t.url}/ui/workflows`);
    await row('Provision site').getByText('More').click();
    await page.getByRole('menuitem', { name: 'Duplicate' }).click();
    await page.waitForURL(/\/ui\/workflows\/fl_/);
    const names = (await t.call('GET', '/workflows', { org })).body.map((w: { name: string }) => w.name);
    expect(names).toContain('Provision site (copy)');

    await page.goto(`${t.url}/ui/workflows`);
    await row('Provision site (copy)').getByText('More').click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Provision branch site');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await row('Provision branch site').waitFor();

    await row('Child').getByText('More').click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete workflow' }).click();
    await page.getByRole('dialog', { name: 'Child is in use' }).waitFor();
    await page.getByText('trigger_workflow').first().waitFor();
    await screenshot(page, 'workflow-delete-in-use');
    await page.getByRole('button', { name: 'Close' }).first().click();
    expect((await t.call('GET', `/workflows/${child.id}`, { org })).status).toBe(200);
    await screenshot(page, 'workflows');
    expect(page.consoleErrors.filter((e) => !e.includes('409'))).toEqual([]);
  });
});
