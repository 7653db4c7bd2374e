import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken } from '../../src/api/auth/sign.js';
import {
  type BrowserSession,
  describeBrowser,
  launchBrowser,
  newPage,
  screenshot,
  signedIn,
} from '../helpers/browser.js';
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers/server.js';

describeBrowser('sign-in', () => {
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

  it('signs in from the printed link, drops the token from the address bar and shows who is signed in', async () => {
    const page = await newPage(session);
    await signedIn(page, t, 'workflows', 'org_acme', 'usr_alice');
    await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
    expect(page.url()).toBe(`${t.url}/ui/workflows`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.textContent()).resolves.toContain('usr_alice');
    await expect(nav.textContent()).resolves.toContain('org_acme');
    await page.getByText('No workflows yet').waitFor();
    await screenshot(page, 'sign-in-empty-workflows');
    expect(page.consoleErrors).toEqual([]);
  });

  it('asks for a token, accepts a pasted one and returns to the page that was asked for', async () => {
    const page = await newPage(session);
    await page.goto(`${t.url}/ui/workflows`);
    await page.getByRole('heading', { name: 'Sign in to Stratoflow' }).waitFor();
    await page.getByLabel('Bearer token').fill('not a token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('This is not a JWT').waitFor();
    await screenshot(page, 'sign-in-bad-token');
    await page.getByLabel('Bearer token').fill(await t.token('org_b', 'usr_bob'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/ui/workflows');
  });

  it('refuses a token the server does not accept with the server’s reason', async () => {
    const page = await newPage(session);
    await page.goto(`${t.url}/ui/sign-in`);
    const forged = await signToken('another-secret-that-this-server-does-not-know-0123', {
      orgId: 'org_a',
      userId: 'usr_x',
      expiresIn: '1h',
    });
    await page.getByLabel('Bearer token').fill(forged);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/signature|token/i);
  });

  it('sends the user back to sign-in with the reason when the API answers 401', async () => {
    const page = await newPage(session);
    // Valid shape and signature, accepted on the first load, expired when the page reloads. The token
    // lives long enough for a slow first load; the reload waits for its `exp` (whole seconds) to pass.
    const shortLived = await signToken(TEST_SECRET, { orgId: 'org_a', userId: 'usr_test', expiresIn: '6s' });
    const expiresAtMs = (decodeJwt(shortLived).exp as number) * 1000;
    await page.goto(`${t.url}/ui/workflows#token=${shortLived}`);
    await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
    await page.getByText('No workflows yet').waitFor();
    await page.waitForTimeout(Math.max(0, expiresAtMs - Date.now()) + 250);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Stratoflow' }).waitFor();
    await page.getByText('You were signed out').waitFor();
    await screenshot(page, 'sign-in-expired');
  });

  it('creates a workflow from the list and opens it', async () => {
    const page = await newPage(session);
    await signedIn(page, t, 'workflows');
    await page.getByRole('button', { name: 'New workflow' }).first().click();
    await page.getByLabel('Name').fill('Created in the browser');
    await page.getByRole('button', { name: 'Create and open' }).click();
    await page.waitForURL(/\/ui\/workflows\/fl_/);
    const list = await t.call('GET', '/workflows');
    expect(list.body.map((w: { name: string }) => w.name)).toContain('Created in the browser');
  });
});

it('serves the app shell for client routes, assets with long caching, and / redirects to /ui/', async () => {
  const t = await startTestServer();
  try {
    const root = await fetch(`${t.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/ui/');
    const deep = await fetch(`${t.url}/ui/runs/fl_run_whatever`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    expect(deep.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await deep.text();
    const asset = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${t.url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await js.text()).length).toBeGreaterThan(1000);
    const missing = await fetch(`${t.url}/ui/assets/missing-0000.js`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('route_not_found');
    // The API is unchanged next to the app.
    expect((await t.call('GET', '/workflows')).status).toBe(200);
  } finally {
    await t.close();
  }
});
