import { resolve } from 'node:path';
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
import { startTarget, type Target } from '../helpers/target.js';
import { createWorkflow, edge, executeAndWait, node, waitForRun } from '../helpers/workflows.js';

/** The README's inspector screenshot: `STRATOFLOW_DOCS_SCREENSHOTS=1` refreshes docs/web-inspector.png. */
const DOCS_SCREENSHOT = resolve(import.meta.dirname, '../../docs/web-inspector.png');

describeBrowser('runs and the run inspector', () => {
  let t: TestServer;
  let target: Target;
  let session: BrowserSession;
  let page: Page & { consoleErrors: string[] };
  let workflow: { id: string; webhook_url: string };

  /** Fires the webhook workflow and waits for its run to end. */
  async function fire(body: unknown) {
    const path = new URL(workflow.webhook_url).pathname;
    const res = await fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(202);
    const { run_id } = (await res.json()) as { run_id: string };
    return waitForRun(t, run_id);
  }

  /** The inspector's row for a node in the Steps table. */
  const step = (id: string) => page.locator(`[data-step="${id}"]`);
  const stepStatus = (id: string) => step(id).locator('[data-step-status]').getAttribute('data-step-status');

  beforeAll(async () => {
    target = await startTarget();
    target.respond('/api', 200, { kind: 'big', note: 'from the target' });
    t = await startTestServer({}, { STRATOFLOW_HTTP_ALLOWED_CIDRS: '127.0.0.1/32' });
    session = await launchBrowser();
    page = await newPage(session);
    workflow = await createWorkflow(t, {
      name: 'Order intake',
      nodes: [
        node('hook', 'webhook_trigger'),
        node('call', 'webhook', {
          method: 'POST',
          url: `${target.url}/api`,
          body: { order: '{{ hook.order }}' },
        }),
        node('check', 'string_condition', {
          value: '{{ call.body.kind }}',
          operator: 'equals',
          compare_to: 'big',
        }),
        node('big', 'text_transform', { template: 'Big order {{ hook.order }}' }),
        node('small', 'text_transform', { template: 'Small order {{ hook.order }}' }),
      ],
      edges: [
        edge('hook', 'call'),
        edge('call', 'check'),
        edge('check', 'big', 'true'),
        edge('check', 'small', 'false'),
      ],
    });
  });
  afterAll(async () => {
    await session?.close();
    await t?.close();
    await target?.close();
  });

  it('opens a run and shows each node’s output, the branch not taken as skipped', async () => {
    const run = await fire({ order: 'A-1' });
    expect(run.status).toBe('completed');
    await signedIn(page, t, `runs/${run.id}`);
    await page.getByRole('heading', { name: 'Order intake · run' }).waitFor();
    const facts = page.locator('.run-facts');
    await facts.getByText('completed').waitFor();
    await facts.getByText('Webhook').waitFor();
    expect(await stepStatus('hook')).toBe('success');
    expect(await stepStatus('call')).toBe('success');
    expect(await stepStatus('big')).toBe('success');
    expect(await stepStatus('small')).toBe('skipped');
    // Laid out from colliding positions, the condition's children follow its handles (true left of
    // false), so their edges do not cross.
    const left = (id: string) =>
      page
        .getByRole('region', { name: 'Run graph' })
        .locator(`.react-flow__node[data-id="${id}"]`)
        .evaluate((el) => el.getBoundingClientRect().x);
    await expect.poll(async () => (await left('big')) < (await left('small'))).toBe(true);

    const outputs: Record<string, string> = {
      hook: '"order": "A-1"',
      call: '"note": "from the target"',
      check: '"result": true',
      big: 'Big order A-1',
    };
    for (const [id, text] of Object.entries(outputs)) {
      await step(id).getByRole('button').click();
      const panel = page.getByRole('region', { name: id });
      await panel.getByText('Output', { exact: true }).waitFor();
      await expect(panel.locator('pre.json').nth(1).textContent()).resolves.toContain(text);
    }
    // The same node from the graph: selecting it there opens the same panel.
    // Keyboard selection works wherever the canvas has scrolled the node.
    await page
      .getByRole('region', { name: 'Run graph' })
      .locator('.react-flow__node[data-id="small"]')
      .focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('region', { name: 'small' })
      .getByText('the branch leading here was not taken')
      .waitFor();
    // With the panel open beside it, the narrower graph is fitted again: every node inside the frame.
    const graph = page.getByRole('region', { name: 'Run graph' });
    await expect
      .poll(async () => {
        const frame = await graph.boundingBox();
        const boxes = await graph
          .locator('.react-flow__node')
          .evaluateAll((els) =>
            els
              .map((el) => el.getBoundingClientRect())
              .map((r) => ({ x: r.x, y: r.y, right: r.right, bottom: r.bottom })),
          );
        if (!frame || boxes.length === 0) return 'no graph';
        const outside = boxes.filter(
          (b) =>
            b.x < frame.x ||
            b.y < frame.y ||
            b.right > frame.x + frame.width ||
            b.bottom > frame.y + frame.height,
        );
        return outside.length;
      })
      .toBe(0);
    await screenshot(page, 'runs-inspector-completed');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(page.consoleErrors).toEqual([]);
  });

  it('shows the undefined variables a node read in its panel', async () => {
    const flow = await createWorkflow(t, {
      name: 'Greeter',
      nodes: [
        node('start', 'manual_trigger'),
        node('greet', 'text_transform', { template: 'Hi {{ start.name }}{{ start.nickname }}' }),
      ],
      edges: [edge('start', 'greet')],
    });
    const run = await executeAndWait(t, flow.id, { name: 'Ada' });
    expect(run.status).toBe('completed');
    await signedIn(page, t, `runs/${run.id}`);
    await page.getByRole('heading', { name: 'Greeter · run' }).waitFor();
    await step('greet').getByRole('button').click();
    const notice = page.getByRole('region', { name: 'greet' }).getByRole('status');
    await notice.getByText('Undefined variables').waitFor();
    await expect(notice.getByRole('listitem').allTextContents()).resolves.toEqual([
      'start.nickname is undefined',
    ]);
    await screenshot(page, 'runs-inspector-warnings');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A node that read nothing missing has no such notice.
    await step('start').getByRole('button').click();
    await page.getByRole('region', { name: 'start' }).getByText('Output', { exact: true }).waitFor();
    await expect(
      page.getByRole('region', { name: 'start' }).getByText('Undefined variables').count(),
    ).resolves.toBe(0);
    expect(page.consoleErrors).toEqual([]);
  });

  it('re-runs a run and opens the new run', async () => {
    const run = await fire({ order: 'B-2' });
    await signedIn(page, t, `runs/${run.id}`);
    await page.getByRole('heading', { name: 'Order intake · run' }).waitFor();
    await page.getByRole('button', { name: 'Re-run' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/ui/runs/') && !url.pathname.endsWith(run.id));
    const newId = new URL(page.url()).pathname.split('/').at(-1) as string;
    await page.locator('.run-facts').getByText('Re-run of').waitFor();
    await page.locator('.run-facts').getByRole('link', { name: run.id }).waitFor();
    await page.locator('.run-facts').getByText('completed').waitFor();
    const again = await waitForRun(t, newId);
    expect(again).toMatchObject({ status: 'completed', original_run_id: run.id, origin: 'rerun' });
    expect(again.trigger_payload).toEqual(run.trigger_payload);
    await screenshot(page, 'runs-rerun');
  });

  it('shows a failing node’s error and resumes the run from a node that succeeded', async () => {
    target.respond('/api', 500, { error: 'warehouse offline' });
    const failed = await fire({ order: 'C-3' });
    expect(failed.status).toBe('failed');
    await signedIn(page, t, `runs/${failed.id}`);
    // The failed node is selected on arrival: the documented message in its error, the target's answer
    // in its error output.
    const panel = page.getByRole('region', { name: 'call' });
    const nodeError = panel.getByRole('alert');
    await nodeError.getByText('Webhook request failed: 500 Internal Server Error').waitFor();
    await expect(panel.locator('pre.json').nth(1).textContent()).resolves.toContain('warehouse offline');
    await nodeError.getByRole('link', { name: 'What does this mean?' }).waitFor();
    await expect(nodeError.textContent()).resolves.toContain('http_request_failed');
    await page.getByRole('alert').filter({ hasText: 'Run failed at node call' }).waitFor();
    expect(await stepStatus('call')).toBe('error');
    expect(await stepStatus('check')).toBe('not_reached');
    await expect(panel.getByRole('button', { name: 'Resume from here' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'runs-inspector-failed');
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (process.env.STRATOFLOW_DOCS_SCREENSHOTS) await page.screenshot({ path: DOCS_SCREENSHOT });

    target.respond('/api', 200, { kind: 'small' });
    await step('hook').getByRole('button').click();
    await page
      .getByRole('region', { name: 'hook' })
      .getByRole('button', { name: 'Resume from here' })
      .click();
    await page.waitForURL((url) => !url.pathname.endsWith(failed.id));
    await page.locator('.run-facts').getByText('Resumed from').waitFor();
    await page.locator('.run-facts').getByText('completed').waitFor();
    const newId = new URL(page.url()).pathname.split('/').at(-1) as string;
    const resumed = await waitForRun(t, newId);
    expect(resumed).toMatchObject({
      status: 'completed',
      resumed_from_node_id: 'hook',
      original_run_id: failed.id,
    });
    await step('small').locator('[data-step-status="success"]').waitFor();
    await expect(step('hook').textContent()).resolves.toContain('kept');
    await screenshot(page, 'runs-resumed');
  });

  it('follows a running run live (and by polling when the stream is blocked) without reloading', async () => {
    const slow = await createWorkflow(t, {
      name: 'Slow lane',
      nodes: [
        node('start', 'manual_trigger'),
        node('pause', 'delay', { duration: 2, unit: 'seconds' }),
        node('finish', 'text_transform', { template: 'done' }),
      ],
      edges: [edge('start', 'pause'), edge('pause', 'finish')],
    });
    for (const blocked of [false, true]) {
      if (blocked) await page.route('**/events', (route) => route.abort());
      const res = await t.call('POST', `/workflows/${slow.id}/execute`, { body: { context: {} } });
      await signedIn(page, t, `runs/${res.body.id}`);
      await page.getByRole('heading', { name: 'Slow lane · run' }).waitFor();
      await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
      await page
        .getByRole('status')
        .filter({ hasText: blocked ? 'Checking for updates' : 'Live' })
        .waitFor();
      await step('pause').locator('[data-step-status="waiting"]').waitFor();
      if (!blocked) await screenshot(page, 'runs-live-waiting');
      await step('finish').locator('[data-step-status="success"]').waitFor({ timeout: 15_000 });
      await page.locator('.run-facts').getByText('completed').waitFor();
      expect(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
      await page
        .getByRole('status')
        .filter({ hasText: /Live|Checking/ })
        .waitFor({ state: 'detached' });
    }
    await page.unroute('**/events');
  });

  it('lists runs with status and workflow filters and pages through them', async () => {
    const quick = await createWorkflow(t, {
      name: 'Quick one',
      nodes: [node('n1', 'manual_trigger'), node('n2', 'text_transform', { template: 'hi' })],
      edges: [edge('n1', 'n2')],
    });
    for (let i = 0; i < 22; i++) await executeAndWait(t, quick.id, { i });

    await signedIn(page, t, `workflows/${quick.id}/runs`);
    await page.getByRole('heading', { name: 'Runs of Quick one' }).waitFor();
    const rows = page.locator('tbody tr');
    await page.getByText('1–20 of 22 runs').waitFor();
    expect(await rows.count()).toBe(20);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('21–22 of 22 runs').waitFor();
    expect(await rows.count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await screenshot(page, 'runs-workflow-list-page-2');
    await page.getByLabel('Status').selectOption('failed');
    await page.getByText('No runs match these filters').waitFor();

    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.getByRole('heading', { name: 'Runs', exact: true }).waitFor();
    await page.getByLabel('Status').selectOption('failed');
    await page.getByText('1–1 of 1 runs').waitFor();
    await expect(rows.first().textContent()).resolves.toContain('Order intake');
    await expect(rows.first().textContent()).resolves.toContain('Webhook request failed: 500');
    // Clear, then pick a workflow in the same task, before the router re-renders the cleared address:
    // the pick must start from the cleared filters, not bring the status back.
    const slowId = await page
      .getByLabel('Workflow')
      .locator('option', { hasText: 'Slow lane' })
      .getAttribute('value');
    await page.evaluate((id) => {
      // The page's own DOM (this file is type-checked without the DOM library).
      type Control = {
        textContent: string | null;
        value: string;
        click(): void;
        dispatchEvent(e: Event): boolean;
      };
      const { document } = globalThis as unknown as {
        document: {
          querySelectorAll(selector: string): Iterable<Control>;
          querySelector(selector: string): Control | null;
        };
      };
      const clear = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Clear filters');
      const select = document.querySelector('#run-workflow');
      if (!clear || !select || !id) throw new Error('filters not found');
      clear.click();
      select.value = id;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, slowId);
    await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe(`?workflow=${slowId}`);
    await page.getByText('1–2 of 2 runs').waitFor();
    await screenshot(page, 'runs-all-filtered');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await rows.first().getByRole('link', { name: /^Run / }).click();
    await page.getByRole('heading', { name: 'Slow lane · run' }).waitFor();

    expect(page.consoleErrors.filter((e) => !e.includes('ERR_FAILED'))).toEqual([]);

    // An unknown run says so, with the error's documentation.
    await page.goto(`${t.url}/ui/runs/fl_run_0000000000000000000000000a`);
    const notice = page.getByRole('alert').filter({ hasText: 'The run could not be loaded' });
    await notice.getByText('resource_not_found').waitFor();
    await notice.getByRole('link', { name: 'What does this mean?' }).waitFor();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.reload();
    await notice.waitFor();
    await page.waitForLoadState('networkidle');
    // Asked once each (run and graph): a 404 is not asked again when the page mounts.
    expect(requested.filter((p) => p.startsWith('/workflows/runs/'))).toHaveLength(2);
  });

  it('a page whose code is gone since the tab opened (the server was updated) says to reload, inside the frame', async () => {
    const run = (await t.call('GET', '/workflows/runs?per_page=1')).body.data[0];
    const fresh = await newPage(session);
    await signedIn(fresh, t, 'runs');
    await fresh.getByRole('link', { name: run.id }).first().waitFor();
    // The build this tab loaded is replaced: its inspector chunk is no longer on the server.
    await fresh.route(/\/ui\/assets\/RunInspector-[^/]+\.js$/, (route) => route.fulfill({ status: 404 }));
    await fresh.getByRole('link', { name: run.id }).first().click();
    await fresh.getByRole('heading', { name: 'This page could not open' }).waitFor();
    await fresh.getByText('Stratoflow was updated since this tab opened').waitFor();
    await fresh.getByRole('navigation', { name: 'Main' }).waitFor(); // the frame stays
    await screenshot(fresh, 'runs-page-code-missing');
    await fresh.unroute(/\/ui\/assets\/RunInspector-[^/]+\.js$/);
    await fresh.getByRole('button', { name: 'Reload' }).click();
    await fresh.getByRole('heading', { name: /· run$/ }).waitFor();
    await fresh.context().close();
  });

  it('reads well in dark mode at 1920×1080', async () => {
    const failed = (await t.call('GET', '/workflows/runs?status=failed')).body.data[0];
    const dark = await newPage(session, { width: 1920, height: 1080 });
    await dark.emulateMedia({ colorScheme: 'dark' });
    await signedIn(dark, t, `runs/${failed.id}`);
    await dark.getByRole('region', { name: 'call' }).getByRole('alert').waitFor();
    await screenshot(dark, 'runs-inspector-dark-1920');
    expect(await seriousA11yViolations(dark)).toEqual([]);
    await dark.context().close();
  });
});
