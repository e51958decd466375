// Keeping the device's data, in Chromium: the organizer's page asks the browser to keep it and
// the sync panel says the answer; a browser tab on an iPhone/iPad gets the 7-day warning with
// what to do. Screenshots in test-results/pwa-storage-*.png.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const IPAD_SAFARI_TAB =
  'Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

describe('this device’s data', () => {
  it('is asked for on the organizer’s page, and the sync panel says what the browser answered', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await page.goto('/organizer');
    await page.getByRole('heading', { level: 1, name: '赛事列表' }).waitFor();
    await page.locator('.sync-status > summary').click();
    const section = page.getByRole('region', { name: '本机数据' });
    await expect
      .poll(() => section.textContent())
      .toMatch(/浏览器已同意长期保存本机数据。|浏览器没有同意长期保存本机数据/);
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    expect(await section.textContent()).toContain(persisted ? '已同意' : '没有同意');
    await h.screenshot(page, 'pwa-storage-sync-panel');
    const axe = await new AxeBuilder({ page }).include('.site-header').analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    expect(h.errors(page)).toEqual([]);
  });

  it('warns a browser tab on an iPad about the 7-day rule, and says to add the app to the home screen', async () => {
    const context = await h.browser.newContext({
      baseURL: h.baseUrl,
      userAgent: IPAD_SAFARI_TAB,
      viewport: { width: 1024, height: 768 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto('/judge');
    const banner = page.getByRole('complementary', { name: '本机数据提醒' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('7 天未打开本站');
    expect(await banner.textContent()).toContain('“分享”→“添加到主屏幕”');
    await h.screenshot(page, 'pwa-storage-ipad-tab');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    // Not on the home page: there is nothing of the device's to keep there.
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await banner.count()).toBe(0);
    await context.close();
  });
});
