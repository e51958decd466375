// The real venue server process and one Chromium, for the test files that drive pages against it:
// both start before the file's tests and stop after them (the server's data directory removed).
//
//   const rig = venueWithChromium();          // at the top of the file: registers the hooks
//   const { page } = await rig.openContext('host');
//   await claimOnHostConsole(page, rig.venue, PASSWORD);
import { rm } from 'node:fs/promises';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './harness';
import { startVenueProcess, type VenueProcess } from './venue-process';

export interface VenueWithChromium {
  /** The server, started in beforeAll: read it inside a test. */
  readonly venue: VenueProcess;
  /**
   * A page in a fresh context (its own storage) at the server's address, in zh-CN, a 1024 × 768
   * tablet unless options say otherwise; its uncaught errors are logged under name. Service
   * workers are off: these tests are about the server, and pages stay open across offline steps.
   */
  openContext(
    name: string,
    options?: BrowserContextOptions,
  ): Promise<{ context: BrowserContext; page: Page }>;
}

export function venueWithChromium(): VenueWithChromium {
  let venue: VenueProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    venue = await startVenueProcess({ httpsPort: null });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await venue?.stop();
    if (venue) await rm(venue.dataDir, { recursive: true, force: true });
  });

  function started<T>(value: T | undefined): T {
    if (value === undefined) throw new Error('venueWithChromium: the venue server starts in beforeAll');
    return value;
  }

  return {
    get venue() {
      return started(venue);
    },
    async openContext(name, options = {}) {
      const context = await started(browser).newContext({
        baseURL: started(venue).httpUrl,
        viewport: { width: 1024, height: 768 },
        locale: 'zh-CN',
        serviceWorkers: 'block',
        ...options,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[${name}] ${error.message}`));
      return { context, page };
    },
  };
}

/** Claims the unclaimed server from the host console's sync panel, setting the organizer's password. */
export async function claimOnHostConsole(page: Page, venue: VenueProcess, password: string): Promise<void> {
  await page.goto('/stage');
  await page.locator('.sync-status > summary').click();
  await page.getByLabel('认领码（场馆服务器终端上显示的 8 位数字）').fill(venue.claimCode as string);
  await page.getByLabel('设置组织者密码（至少 6 个字符）').fill(password);
  await page.getByRole('button', { name: '认领并登录' }).click();
}
