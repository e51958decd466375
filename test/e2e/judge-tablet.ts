// A judge's tablet and the sync header in browser tests against the venue server
// (./venue-browser.ts): wait for the header to say a state, join with the judge's code, type a
// mark on the keypad.
import type { Page } from 'playwright-core';
import { until } from './waiting';

export const statusSummary = (page: Page) => page.locator('.sync-status > summary');

/** Waits until the page's sync header says `text` (在线, 已同步, 离线…). */
export function untilSyncSays(page: Page, text: string): Promise<void> {
  return until(
    async () => ((await statusSummary(page).textContent()) ?? '').includes(text),
    `the sync header to say ${text}`,
    { timeoutMs: 90_000 },
  );
}

/**
 * Installs the app's service worker on a page of a context that allows it: it precaches every
 * part, as on a tablet taken offline for the day.
 */
export async function installOffline(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
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
