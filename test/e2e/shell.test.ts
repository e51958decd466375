// The app shell against the production build, in Chromium: home, role pages, language,
// accessibility, layout on a tablet, and the offline shell (service worker).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const heading1 = (page: Page) => page.locator('main h1');

/**
 * The role entries of the home page: link text, path, the document title, the page's heading,
 * and a text only that page has (roles not built yet say so).
 */
const entries = [
  {
    link: '进入组织者',
    path: '/organizer',
    title: '组织者',
    heading: '赛事列表',
    shows: '载入示例赛事',
    shot: 'organizer',
  },
  {
    link: '进入评委',
    path: '/judge',
    title: '评委',
    heading: '评委',
    shows: '请输入您的 8 位评委码',
    shot: 'judge',
  },
  {
    link: '主持台',
    path: '/stage',
    title: '主持台',
    heading: '主持台',
    shows: '本设备还没有登录场馆服务器',
    shot: 'host',
  },
  {
    link: '大屏',
    path: '/projector',
    title: '大屏',
    heading: '大屏',
    shows: '请在主持台选择轮次',
    shot: 'projector',
  },
  {
    link: '查看成绩',
    path: '/results',
    title: '成绩',
    heading: '成绩',
    shows: '本设备上还没有赛事',
    shot: 'results',
  },
];

describe('app shell', () => {
  it('opens the home page in Chinese with the four role cards', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await page.goto('/');
    await expect.poll(() => heading1(page).textContent()).toBe('擂台 · Leitai 评分系统');
    expect(await page.title()).toBe('擂台 · Leitai 评分系统');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    const cards = page.locator('.role-card');
    expect(await cards.count()).toBe(4);
    expect(await cards.locator('h3').allTextContents()).toEqual(['组织者', '评委', '主持/大屏', '成绩']);
    for (const card of await cards.all()) {
      expect((await card.locator('p').textContent())?.length).toBeGreaterThan(5);
    }
    expect(await page.locator('.role-card[data-role="stage"] a').allTextContents()).toEqual([
      '主持台',
      '大屏',
    ]);

    // Everything one can tap is at least 48 px high and wide.
    for (const target of await page.locator('a:visible, button:visible').all()) {
      const box = await target.boundingBox();
      expect(box, (await target.textContent()) ?? '').not.toBeNull();
      expect(box?.height).toBeGreaterThanOrEqual(48);
      expect(box?.width).toBeGreaterThanOrEqual(48);
    }
    await h.screenshot(page, 'shell-home');
    expect(h.errors(page)).toEqual([]);
  });

  it('goes to each role page from the home page and back', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await page.goto('/');
    for (const entry of entries) {
      await page.getByRole('link', { name: entry.link, exact: true }).click();
      await page.waitForURL(`**${entry.path}`);
      await expect.poll(() => heading1(page).textContent()).toBe(entry.heading);
      await expect.poll(() => page.locator('main').textContent()).toContain(entry.shows);
      expect(await page.title()).toBe(`${entry.title} · 擂台评分`);
      await h.screenshot(page, `shell-${entry.shot}`);

      await page.goBack();
      await page.waitForURL((url) => url.pathname === '/');
      await expect.poll(() => heading1(page).textContent()).toBe('擂台 · Leitai 评分系统');
    }
    // A deep link (as after a reload) renders the page directly.
    await page.goto('/results');
    await expect.poll(() => heading1(page).textContent()).toBe('成绩');
    // The brand link leads home.
    await page.getByRole('link', { name: '擂台评分' }).click();
    await expect.poll(() => heading1(page).textContent()).toBe('擂台 · Leitai 评分系统');
    // An unknown path says so.
    await page.goto('/nowhere');
    await expect.poll(() => heading1(page).textContent()).toBe('找不到此页面');
    expect(h.errors(page)).toEqual([]);
  });

  it('switches to English and remembers the choice', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => heading1(page).textContent()).toBe('Leitai · Competition Scoring');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.role-card h3').allTextContents()).toEqual([
      'Organizer',
      'Judge',
      'Host & projector',
      'Results',
    ]);
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await h.screenshot(page, 'shell-home-en');

    await page.reload();
    await expect.poll(() => heading1(page).textContent()).toBe('Leitai · Competition Scoring');
    await page.getByRole('link', { name: 'Open judge' }).click();
    await expect.poll(() => heading1(page).textContent()).toBe('Judge');
    await expect.poll(() => page.locator('main').textContent()).toContain('Enter your 8-digit judge code');
    await h.screenshot(page, 'shell-judge-en');

    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => heading1(page).textContent()).toBe('评委');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('has no axe violations on the home page and a role page', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    for (const path of ['/', '/judge']) {
      await page.goto(path);
      await heading1(page).waitFor();
      const result = await new AxeBuilder({ page }).analyze();
      expect(result.violations.map((v) => `${path}: ${v.id}: ${v.help}`)).toEqual([]);
    }
  });

  it('fits a portrait tablet and a phone without sideways scrolling', async () => {
    for (const [name, viewport] of [
      ['shell-home-tablet', { width: 800, height: 1280 }],
      ['shell-home-phone', { width: 390, height: 844 }],
    ] as const) {
      const page = await h.newPage(viewport);
      await page.goto('/');
      await heading1(page).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, name).toBeLessThanOrEqual(0);
      await h.screenshot(page, name);
    }
  });

  it('registers the service worker, which controls the page after a reload and serves it offline', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    const context = page.context();
    await page.goto('/judge');
    await heading1(page).waitFor();
    // Prompt mode without clientsClaim: the first visit installs, the next load is controlled.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${h.baseUrl}/`);
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');

    await context.setOffline(true);
    try {
      const reloaded = await page.reload();
      expect(reloaded?.fromServiceWorker()).toBe(true);
      await expect.poll(() => heading1(page).textContent()).toBe('评委');
      await expect.poll(() => page.locator('main').textContent()).toContain('请输入您的 8 位评委码');
      await h.screenshot(page, 'shell-judge-offline');

      // A route never opened before works offline too: its lazy chunk was precached.
      const results = await page.goto('/results');
      expect(results?.fromServiceWorker()).toBe(true);
      await expect.poll(() => heading1(page).textContent()).toBe('成绩');
      expect(await page.title()).toBe('成绩 · 擂台评分');
    } finally {
      await context.setOffline(false);
    }
  });
});
