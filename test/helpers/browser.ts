import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { WEB_APP_DIR } from '../../src/server.js';
import type { TestServer } from './server.js';

/**
 * Browser tests drive Debian's Chromium (`apt-get install -y chromium`; never a downloaded browser) with
 * playwright-core against a real `startTestServer()` serving the built web app (`npm run build`).
 * Without Chromium they fail in CI and are skipped elsewhere, like the PostgreSQL suites.
 */
export const CHROMIUM = process.env.STRATOFLOW_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM) && existsSync(join(WEB_APP_DIR, 'index.html'));
if (!available && process.env.CI) {
  throw new Error(`Browser suites must run in CI: need ${CHROMIUM} and a built web app (npm run build).`);
}

/** `describe` for suites that need Chromium and the built web app. */
export const describeBrowser = available ? describe : describe.skip;

export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

export interface BrowserSession {
  browser: Browser;
  close(): Promise<void>;
}

/** Launches headless Chromium with the flags this closed network needs (playwright gives it a fresh profile). */
export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** A new page at 1280×800 (or the given size) with its console errors collected. */
export async function newPage(
  session: BrowserSession,
  viewport = { width: 1280, height: 800 },
): Promise<Page & { consoleErrors: string[] }> {
  // bypassCSP lets tests inject axe-core; the app itself runs under the server's CSP.
  const context = await session.browser.newContext({ viewport, colorScheme: 'light', bypassCSP: true });
  const page = (await context.newPage()) as Page & { consoleErrors: string[] };
  page.consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => page.consoleErrors.push(error.message));
  return page;
}

/** Opens the web app signed in through the sign-in link (`/ui/#token=...`), at `path` under /ui/. */
export async function signedIn(page: Page, t: TestServer, path = '', org = 'org_a', user = 'usr_test') {
  const token = await t.token(org, user);
  await page.goto(`${t.url}/ui/${path}#token=${token}`);
  return token;
}

/** Saves a full-page screenshot under test-results/screenshots/ (ignored by git). */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
