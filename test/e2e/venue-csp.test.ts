// The built app under the venue server's Content-Security-Policy, in Chromium, from the real
// server process: every role's page renders with no violation and no page error, the service
// worker installs (workbox and its precache run under the worker's own policy), and a projector
// opened by its link joins and opens the live socket.
import { rm } from 'node:fs/promises';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './harness';
import { startVenueProcess, type VenueProcess } from './venue-process';

let venue: VenueProcess;
let browser: Browser;
let context: BrowserContext;
/** CSP violations (from the page's events and Chromium's console) and page errors. */
const problems: string[] = [];

beforeAll(async () => {
  venue = await startVenueProcess({ httpsPort: null });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await venue?.stop();
  if (venue) await rm(venue.dataDir, { recursive: true, force: true });
});

/** Each role's page and the heading that shows it rendered. */
const ROUTES: { path: string; heading: RegExp }[] = [
  { path: '/', heading: /擂台 · Leitai 评分系统/ },
  { path: '/judge', heading: /评委/ },
  { path: '/stage', heading: /主持台/ },
  { path: '/projector', heading: /.+/ },
  { path: '/organizer', heading: /赛事列表/ },
  { path: '/results', heading: /成绩/ },
];

async function newPage(): Promise<Page> {
  context = await browser.newContext({ baseURL: venue.httpUrl, viewport: { width: 1280, height: 800 } });
  // Before any of the app's scripts: every violation the document reports.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy|CSP violation/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return page;
}

describe('the app under the Content-Security-Policy', () => {
  it('renders every page, installs the service worker and opens the live socket, with no violation', async () => {
    const page = await newPage();
    for (const route of ROUTES) {
      const response = await page.goto(route.path);
      expect(response?.headers()['content-security-policy'], route.path).toContain(
        "script-src 'self' 'sha256-",
      );
      const heading = page.locator('main h1').first();
      await expect.poll(() => heading.textContent(), { timeout: 15_000 }).toMatch(route.heading);
      expect(await page.locator('main').textContent(), route.path).not.toBe('加载中…');
    }

    // Workbox is imported and the app precached under sw.js's policy, or the worker never activates.
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), {
        timeout: 20_000,
      })
      .toBe('activated');

    // The projector's link joins the server; the live socket opens and is welcomed. The last page
    // is left first: its own socket, closing with it, is not the one to wait for.
    await page.goto('about:blank');
    const live = page.waitForEvent('websocket', (socket) => socket.url().endsWith('/api/v1/live'));
    await page.goto(`/projector?code=${venue.projectorCode}`);
    const socket = await live;
    await socket.waitForEvent('framereceived', (frame) => String(frame.payload).includes('"welcome"'));

    expect(problems).toEqual([]);
  }, 90_000);
});
