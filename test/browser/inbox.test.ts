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
import { createWorkflow, edge, node, waitForRun } from '../helpers/workflows.js';

/** The inbox: a waiting form rendered from its definition, validated by the server, answered in the page. */
describeBrowser('inbox', () => {
  let t: TestServer;
  let session: BrowserSession;
  beforeAll(async () => {
    t = await startTestServer();
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await t?.close();
  });

  it('lists a waiting form, shows the server’s field error, and continues the run down the chosen button', async () => {
    const wf = await createWorkflow(t, {
      name: 'Refunds',
      nodes: [
        node('n1', 'manual_trigger'),
        node('approval', 'form', {
          title: 'Approve the refund for {{ n1.customer }}?',
          description: 'Amount: {{ n1.amount }}',
          fields: [
            { name: 'email', label: 'Your email', type: 'email', required: true },
            {
              name: 'decision',
              label: 'Decision',
              type: 'select',
              required: true,
              options: ['full', 'partial'],
            },
            {
              name: 'amount',
              label: 'Partial amount',
              type: 'number',
              required: true,
              visible_when: { field: 'decision', equals: 'partial' },
            },
          ],
          buttons: [
            { id: 'approve', label: 'Approve' },
            { id: 'reject', label: 'Reject' },
          ],
        }),
        node('yes', 'text_transform', { template: 'approved {{ approval.values.amount }}' }),
        node('no', 'text_transform', { template: 'rejected' }),
      ],
      edges: [edge('n1', 'approval'), edge('approval', 'yes', 'approve'), edge('approval', 'no', 'reject')],
    });
    const started = await t.call('POST', `/workflows/${wf.id}/execute`, {
      body: { context: { customer: 'ACME', amount: 120 } },
    });
    const runId = started.body.id as string;
    await waitForRun(t, runId, { until: (r) => r.status === 'awaiting_ui_interaction' });

    const page = await newPage(session);
    await signedIn(page, t, 'inbox');
    await page.getByText('Approve the refund for ACME?').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Answer' }).click();
    await page.getByText('Amount: 120').waitFor();
    await expect(page.getByLabel('Partial amount').count()).resolves.toBe(0);
    await page.getByLabel('Decision').selectOption('partial');
    await page.getByLabel('Partial amount').fill('60');
    await page.getByLabel('Your email').fill('boss@example.com');
    // The browser would refuse an empty required field; the server's own check shows on a bad value.
    await page.getByLabel('Your email').evaluate((el) => el.setAttribute('type', 'text'));
    await page.getByLabel('Your email').fill('not-an-email');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Your email').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'inbox-field-error');
    await page.getByLabel('Your email').fill('boss@example.com');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing is waiting for you').waitFor();

    const run = await waitForRun(t, runId);
    expect(run.status).toBe('completed');
    const yes = run.logs.find((l: { node_id: string }) => l.node_id === 'yes');
    expect(yes?.output).toEqual({ text: 'approved 60' });
    expect(run.logs.some((l: { node_id: string }) => l.node_id === 'no')).toBe(false);
    await screenshot(page, 'inbox-empty');

    // The run inspector shows a waiting run's form inline and answers it there.
    const second = await t.call('POST', `/workflows/${wf.id}/execute`, {
      body: { context: { customer: 'Globex', amount: 5 } },
    });
    await waitForRun(t, second.body.id, { until: (r) => r.status === 'awaiting_ui_interaction' });
    await page.goto(`${t.url}/ui/runs/${second.body.id}`);
    const form = page.getByRole('form', { name: 'Approve the refund for Globex?' });
    await form.waitFor();
    // The form node is the one waiting, not "not reached".
    const approvalRow = page.getByRole('row').filter({ has: page.getByText('approval', { exact: true }) });
    expect(await approvalRow.locator('[data-step-status]').getAttribute('data-step-status')).toBe('waiting');
    await screenshot(page, 'inspector-waiting-form');
    await form.getByLabel('Your email').fill('boss@example.com');
    await form.getByLabel('Decision').selectOption('full');
    await form.getByRole('button', { name: 'Reject' }).click();
    const rejected = await waitForRun(t, second.body.id);
    expect(rejected.logs.find((l: { node_id: string }) => l.node_id === 'no')?.output).toEqual({
      text: 'rejected',
    });
  });
});
