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
import { createWorkflow, edge, node, waitForRun } from '../helpers/workflows.js';

const PHONE = { width: 390, height: 844 };

/** How far the page scrolls sideways: 0 when nothing is wider than the window. */
const sidewaysOverflow = (page: Page) =>
  page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);

/**
 * A phone (390×844): someone on call opens a failed run or answers an approval from a link. The
 * sidebar folds into a bar with a Menu button, and no page scrolls sideways.
 */
describeBrowser('narrow screens', () => {
  let t: TestServer;
  let session: BrowserSession;
  let workflow: { id: string };
  let runId: string;

  beforeAll(async () => {
    t = await startTestServer();
    session = await launchBrowser();
    // Made over the API with every node at 0,0, the usual case for files and scripts.
    workflow = await createWorkflow(t, {
      name: 'Approve a refund for a customer with a long name',
      nodes: [
        node('n1', 'manual_trigger'),
        node('approval', 'form', {
          title: 'Approve the refund for {{ n1.customer }}?',
          fields: [{ name: 'reason', label: 'Reason', type: 'text', required: true }],
          buttons: [
            { id: 'approve', label: 'Approve' },
            { id: 'reject', label: 'Reject' },
          ],
        }),
        node('yes', 'text_transform', { template: 'approved: {{ approval.values.reason }}' }),
        node('no', 'text_transform', { template: 'rejected' }),
      ],
      edges: [edge('n1', 'approval'), edge('approval', 'yes', 'approve'), edge('approval', 'no', 'reject')],
    });
    const started = await t.call('POST', `/workflows/${workflow.id}/execute`, {
      body: { context: { customer: 'ACME' } },
    });
    runId = started.body.id as string;
    await waitForRun(t, runId, { until: (r) => r.status === 'awaiting_ui_interaction' });
  });
  afterAll(async () => {
    await session?.close();
    await t?.close();
  });

  it('folds the navigation behind a Menu button that opens, navigates and closes', async () => {
    const page = await newPage(session, PHONE);
    await signedIn(page, t);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const menu = page.getByRole('button', { name: 'Menu' });
    const runsLink = page.getByRole('link', { name: 'Runs', exact: true });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await runsLink.isVisible()).toBe(false);
    expect(await sidewaysOverflow(page)).toBe(0);
    // The one run waits for a person: no outcome yet, so no success rate (not 0%).
    await page.getByText('— none finished').waitFor();
    await screenshot(page, 'narrow-dashboard');

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await runsLink.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'narrow-menu-open');
    await runsLink.click();
    await page.getByRole('heading', { name: 'Runs', exact: true }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await runsLink.isVisible()).toBe(false);
    await page.locator(`a[href$="/runs/${runId}"]`).waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);

    // The workflow list drops its secondary columns: each row's actions are on screen.
    await menu.click();
    await page.getByRole('link', { name: 'Workflows', exact: true }).click();
    const more = page.locator('tbody tr').first().locator('summary');
    await more.waitFor();
    const box = await more.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'narrow-workflows');

    // A wide window keeps the sidebar: no Menu button, the links always shown, every column.
    await page.setViewportSize({ width: 1280, height: 800 });
    await runsLink.waitFor();
    expect(await menu.isVisible()).toBe(false);
    await page.locator('tbody tr').first().getByText('— none finished').waitFor();
  });

  it('answers a waiting form from the run page without sideways scrolling', async () => {
    const page = await newPage(session, PHONE);
    await signedIn(page, t, `runs/${runId}`);
    await page.getByText('Approve the refund for ACME?').first().waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'narrow-run-waiting');
    await page.getByLabel('Reason').fill('duplicate charge');
    await page.getByRole('button', { name: 'Approve' }).click();
    const run = await waitForRun(t, runId);
    expect(run.status).toBe('completed');
    await page.locator('.run-facts').getByText('completed').waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
  });

  it('opens a workflow made over the API laid out, not stacked, and still saved', async () => {
    const page = await newPage(session, PHONE);
    await signedIn(page, t, `workflows/${workflow.id}`);
    const nodes = page.locator('.react-flow__node');
    await expect.poll(() => nodes.count()).toBe(4);
    const boxes = await nodes.evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return `${Math.round(r.x)},${Math.round(r.y)}`;
      }),
    );
    expect(new Set(boxes).size).toBe(4);
    await page.getByText('Saved', { exact: true }).first().waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'narrow-editor');
  });
});
