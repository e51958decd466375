// Chromium contexts against the real venue server (./venue-process.ts): what the sync e2e tests
// do in every browser — open a device, claim the server as the host, join a judge's tablet,
// press the judge's keypad.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { VenueProcess } from './venue-process';
import { until } from './waiting';

export interface VenueDevice {
  context: BrowserContext;
  page: Page;
}

/**
 * A device of its own. `offlineReady`: the app's service worker installed (it precaches every
 * part, as on a tablet taken offline for the day); otherwise service workers are off and only the
 * parts already shown load once offline.
 */
export async function openVenueDevice(
  browser: Browser,
  venue: VenueProcess,
  name: string,
  { viewport = { width: 1024, height: 768 }, offlineReady = false } = {},
): Promise<VenueDevice> {
  const context = await browser.newContext({
    baseURL: venue.httpUrl,
    viewport,
    locale: 'zh-CN',
    serviceWorkers: offlineReady ? 'allow' : 'block',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${name}] ${error.message}`));
  if (offlineReady) {
    await page.goto('/');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
  }
  return { context, page };
}

export const statusSummary = (page: Page) => page.locator('.sync-status > summary');

/** Waits until the page's sync header says `text` (在线, 已同步, 离线…). */
export function untilSyncSays(page: Page, text: string): Promise<void> {
  return until(
    async () => ((await statusSummary(page).textContent()) ?? '').includes(text),
    `the sync header to say ${text}`,
    { timeoutMs: 90_000 },
  );
}

/** The host claims the venue server from the sync panel, with the code the server printed. */
export async function claimAsHost(page: Page, venue: VenueProcess, password: string): Promise<void> {
  await page.goto('/stage');
  await statusSummary(page).click();
  await page.getByLabel('认领码（场馆服务器终端上显示的 8 位数字）').fill(venue.claimCode as string);
  await page.getByLabel('设置组织者密码（至少 6 个字符）').fill(password);
  await page.getByRole('button', { name: '认领并登录' }).click();
  await untilSyncSays(page, '在线');
}

/** A judge's tablet opens the link of its QR code and joins; back once its key is registered. */
export async function joinAsJudge(page: Page, joinCode: string, name: string): Promise<void> {
  await page.goto(`/judge?code=${joinCode}`);
  await page.getByRole('button', { name: '是我，开始评分' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await untilSyncSays(page, '已同步');
}

/** A key of the judge's on-screen keypad. */
export const scoreKey = (page: Page, name: string) =>
  page.getByRole('group', { name: '分数键盘' }).getByRole('button', { name, exact: true });

/** Types a mark on the keypad ("35.5") and moves on to the next criterion. */
export async function typeMark(page: Page, text: string): Promise<void> {
  for (const character of text) await scoreKey(page, character === '.' ? '小数点' : character).click();
  await scoreKey(page, '确定 下一项').click();
}
