// The e2e harness: serves the built app (dist/, built by global-setup.ts) on a free port of
// 127.0.0.1 with the same static server as `npm start`, and drives Debian's Chromium with
// playwright-core. Without Chromium the tests fail with a message saying how to get it.
//
//   let h: Harness;
//   beforeAll(async () => { h = await startHarness(); });
//   afterAll(() => h?.close());
//   const page = await h.newPage({ width: 1280, height: 800 });
//   await page.goto('/judge');            // relative to h.baseUrl
//   await h.screenshot(page, 'judge');    // test-results/judge.png
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { projectRoot } from '../../src/server/build-if-stale.mjs';
import { startStaticServer } from '../../src/server/static-server.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const RESULTS_DIR = join(projectRoot, 'test-results');

export interface Viewport {
  width: number;
  height: number;
}

export interface Harness {
  /** e.g. http://127.0.0.1:41234; pages opened with newPage() resolve relative URLs against it. */
  baseUrl: string;
  browser: Browser;
  /** A page in a fresh browser context (its own storage and service workers). */
  newPage(viewport?: Viewport): Promise<Page>;
  /** Uncaught exceptions and console errors seen on a page so far. */
  errors(page: Page): string[];
  /** Saves a full-page screenshot to test-results/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The e2e tests need it: install Debian's ` +
        '(apt-get install -y chromium, as .ci/run does) or point CHROMIUM_PATH at a Chromium binary.',
    );
  }
  const dist = join(projectRoot, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error('dist/index.html is missing: the e2e global setup (vite build) did not run or failed.');
  }

  const server = await startStaticServer({ root: dist, port: 0, host: '127.0.0.1' });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    await server.close();
    throw error;
  }

  const contexts: BrowserContext[] = [];
  const pageErrors = new WeakMap<Page, string[]>();

  return {
    baseUrl: server.url,
    browser,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ baseURL: server.url, viewport, locale: 'zh-CN' });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      pageErrors.set(page, errors);
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        // This harness serves the built app without a venue server: the sync client's calls to
        // /api/v1/… fail by design here (tests against the real server use venue-process.ts).
        const venueCall = `${message.text()} ${message.location().url}`.includes('/api/v1/');
        if (message.type() === 'error' && !venueCall) errors.push(`console: ${message.text()}`);
      });
      return page;
    },
    errors: (page) => pageErrors.get(page) ?? [],
    async screenshot(page, name) {
      await mkdir(RESULTS_DIR, { recursive: true });
      const path = join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true, animations: 'disabled' });
      return path;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await server.close();
    },
  };
}
